using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Checkpoints;

/// <summary>
/// Checkpoint files in <c>cniDir</c>, one per container: written atomically (temp file, fsync, rename), mode 0600,
/// in a directory of mode 0700.
/// </summary>
public sealed class CheckpointStore(string directory)
{
    private const string Extension = ".json";
    private const UnixFileMode DirectoryPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The longest container id a file of the store can be named after (".&lt;id&gt;.lock", 255 bytes at most): a DEL
    /// for a longer one has nothing to find.
    /// </summary>
    public const int MaxRecordableIdLength = 255 - 6;

    /// <summary>The directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The path of a container's checkpoint.</summary>
    public string PathFor(string containerId) => Path.Combine(Directory, containerId + Extension);

    /// <summary>
    /// Writes (or replaces) a checkpoint so that a reader sees the old or the new file, never a part. With
    /// <paramref name="flushToDisk"/> the data is on disk before the rename (survives a power loss, not only a crash).
    /// </summary>
    public void Write(Checkpoint checkpoint, bool flushToDisk = true)
    {
        var path = PathFor(checkpoint.Plan.ContainerId);
        var temp = Path.Combine(Directory, $".{checkpoint.Plan.ContainerId}.{Environment.ProcessId}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(Directory, DirectoryPermissions);
            var bytes = CheckpointJson.Serialize(checkpoint);
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = FilePermissions,
            }))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new CniException(CniErrorCode.Checkpoint, $"checkpoint \"{path}\": cannot write: {e.Message}");
        }
    }

    /// <summary>Reads a container's checkpoint, or null when there is none.</summary>
    public Checkpoint? Read(string containerId)
    {
        var path = PathFor(containerId);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.Checkpoint, $"checkpoint \"{path}\": cannot read: {e.Message}");
        }

        return CheckpointJson.Deserialize(bytes, path);
    }

    /// <summary>Deletes a container's checkpoint; a missing file is fine.</summary>
    public void Delete(string containerId)
    {
        try
        {
            File.Delete(PathFor(containerId));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever written.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.Checkpoint, $"checkpoint \"{PathFor(containerId)}\": cannot delete: {e.Message}");
        }
    }

    /// <summary>The container ids that have a checkpoint.</summary>
    public IReadOnlyList<string> ListContainerIds()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.'))
            .Select(n => n![..^Extension.Length])];
    }

    /// <summary>
    /// Removes the temp files a killed writer left for one container. Only for a caller that owns the container: the
    /// runtime never runs two operations on one container at once, so any such file is a dead writer's.
    /// </summary>
    public void RemoveTempFiles(string containerId)
    {
        if (System.IO.Directory.Exists(Directory))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, $".{containerId}.*.tmp"))
            {
                TryDelete(file);
            }
        }
    }

    /// <summary>Removes temp files a killed writer left behind (older than <paramref name="age"/>); returns how many.</summary>
    public int RemoveStaleTempFiles(TimeSpan age, DateTimeOffset now)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp"))
        {
            if (now - File.GetLastWriteTimeUtc(file) > age)
            {
                TryDelete(file);
                removed++;
            }
        }

        return removed;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp file has a name no reader looks at.
        }
    }
}
