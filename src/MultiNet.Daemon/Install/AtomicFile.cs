namespace MultiNet.Daemon.Install;

/// <summary>
/// Replaces a file so readers see the old content or the new, never a part: a temp file in the same folder,
/// the mode set, fsync, then rename(2). Replacing a binary this way never fails with "text file busy": a process
/// executing the old file keeps its inode.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Prefix of the temp files this class writes; a leftover one (a killed writer) can be removed.</summary>
    public const string TempMarker = ".multinet-tmp.";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with <paramref name="mode"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var bytes = content.ToArray();
        Publish(path, mode, stream => stream.Write(bytes));
    }

    /// <summary>True when both files exist and hold the same bytes.</summary>
    public static bool SameContent(string a, string b)
    {
        var infoA = new FileInfo(a);
        var infoB = new FileInfo(b);
        if (!infoA.Exists || !infoB.Exists || infoA.Length != infoB.Length)
        {
            return false;
        }

        using var streamA = infoA.OpenRead();
        using var streamB = infoB.OpenRead();
        var bufferA = new byte[1 << 16];
        var bufferB = new byte[1 << 16];
        while (true)
        {
            var read = streamA.ReadAtLeast(bufferA, bufferA.Length, throwOnEndOfStream: false);
            if (read == 0)
            {
                return true;
            }

            streamB.ReadExactly(bufferB, 0, read);
            if (!bufferA.AsSpan(0, read).SequenceEqual(bufferB.AsSpan(0, read)))
            {
                return false;
            }
        }
    }

    /// <summary>True when <paramref name="path"/> exists and holds exactly <paramref name="content"/>.</summary>
    public static bool HasContent(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Removes temp files a killed writer left beside <paramref name="path"/>; returns how many.</summary>
    public static int RemoveLeftovers(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, $".{Path.GetFileName(path)}{TempMarker}*"))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <summary>
    /// Copies <paramref name="source"/> to a temp file beside <paramref name="path"/> (mode set, fsynced) without
    /// publishing it, so it can be tried first; returns the temp's path. Then <see cref="Commit"/> or delete it.
    /// </summary>
    public static string Stage(string source, string path, UnixFileMode mode)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Stage(path, mode, input.CopyTo);
    }

    /// <summary>Publishes a temp file from <see cref="Stage(string, string, UnixFileMode)"/> as <paramref name="path"/> (rename).</summary>
    public static void Commit(string temp, string path) => File.Move(temp, path, overwrite: true);

    // Fill a temp file beside the target, set its mode, fsync, rename over the target; the temp never stays.
    private static void Publish(string path, UnixFileMode mode, Action<Stream> fill)
    {
        var temp = Stage(path, mode, fill);
        try
        {
            Commit(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Stage(string path, UnixFileMode mode, Action<Stream> fill)
    {
        var temp = TempPathFor(path);
        try
        {
            using var stream = CreateTemp(temp, mode);
            fill(stream);
            stream.Flush(flushToDisk: true);
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string TempPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        return Path.Combine(folder, $".{Path.GetFileName(path)}{TempMarker}{Environment.ProcessId}.{Guid.NewGuid():N}");
    }

    private static FileStream CreateTemp(string temp, UnixFileMode mode)
    {
        var stream = new FileStream(temp, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });

        // The create mode is masked by the umask; set the exact mode before the rename publishes the file.
        File.SetUnixFileMode(stream.SafeFileHandle, mode);
        return stream;
    }
}
