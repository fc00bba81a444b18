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
    public static bool Install(string source, string binDir, string? name = null) => Install(source, binDir, name, check: null);

    /// <summary>
    /// As <see cref="Install(string, string, string?)"/>, but the copy is first tried under a temp name beside the
    /// target with <paramref name="check"/> (null: it runs; else why not) and published only when it passes: a
    /// refused copy is removed and the previous binary, if any, stays the node's plugin. A target already holding the
    /// same bytes is checked in place. A refusal throws <see cref="IOException"/> with the reason.
    /// </summary>
    public static bool Install(string source, string binDir, string? name, HostBinaryCheck? check)
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
            if (check?.Problem(target) is { } current)
            {
                throw new IOException($"\"{target}\" cannot run on this host ({check.How} with CNI_COMMAND=VERSION): {current}");
            }

            return false;
        }

        string staged;
        try
        {
            staged = AtomicFile.Stage(source, target, ExecutableMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"install: cannot copy \"{source}\" to \"{target}\": {e.Message}", e);
        }

        string? problem;
        try
        {
            problem = check?.Problem(staged);
            if (problem is null)
            {
                AtomicFile.Commit(staged, target);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"install: cannot copy \"{source}\" to \"{target}\": {e.Message}", e);
        }
        finally
        {
            File.Delete(staged);
        }

        if (problem is not null)
        {
            var kept = File.Exists(target) ? $"the previous \"{target}\" is kept" : $"nothing was installed as \"{target}\"";
            throw new IOException($"\"{source}\" cannot run on this host ({check!.How} with CNI_COMMAND=VERSION): {problem}; {kept}");
        }

        return true;
    }
}
