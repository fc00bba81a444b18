namespace MultiNet.Daemon.Install;

/// <summary>
/// Puts the <c>multinet</c> executable into the host's CNI bin folder: atomically, and only when it differs. Call it
/// from a process that starts no children meanwhile (<c>multinetd install</c>, not the serving daemon): a child forked
/// while the temp file is open for writing keeps that descriptor until its own exec, and for that moment an exec of
/// the new binary fails with "text file busy".
/// </summary>
internal static class BinaryInstaller
{
    /// <summary>rwxr-xr-x: the runtime executes it as root; nobody but root replaces it.</summary>
    public const UnixFileMode ExecutableMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="binDir"/>/<paramref name="name"/> (default: the source's file name);
    /// returns false when the target already holds the same bytes and mode. Throws <see cref="IOException"/> naming the path.
    /// </summary>
    public static bool Install(string source, string binDir, string? name = null)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"install: source binary \"{source}\" does not exist", source);
        }

        if (!Directory.Exists(binDir))
        {
            throw new DirectoryNotFoundException($"install: cni bin directory \"{binDir}\" does not exist (is the host folder mounted?)");
        }

        var target = Path.Combine(binDir, name ?? Path.GetFileName(source));
        AtomicFile.RemoveLeftovers(target);
        if (AtomicFile.SameContent(source, target) && File.GetUnixFileMode(target) == ExecutableMode)
        {
            return false;
        }

        try
        {
            AtomicFile.Copy(source, target, ExecutableMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"install: cannot copy \"{source}\" to \"{target}\": {e.Message}", e);
        }

        return true;
    }
}
