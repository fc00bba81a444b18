namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// Tiny <c>/bin/sh</c> delegate plugins written into the test's own bin directory, which becomes the config's
/// <c>binDir</c> (the reference plugins are still found through <c>CNI_PATH</c>).
/// </summary>
internal static class ScriptPlugins
{
    /// <summary>Writes an executable script <paramref name="name"/> with <paramref name="body"/>; returns its path.</summary>
    public static string Install(ThinModeHarness h, string name, string body)
    {
        var dir = Path.Combine(h.Node.Root, "bin");
        Directory.CreateDirectory(dir);
        h.ConfigOverrides["binDir"] = dir;
        return Write(Path.Combine(dir, name), body);
    }

    /// <summary>Writes an executable script at <paramref name="path"/>.</summary>
    public static string Write(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return path;
    }

    /// <summary>A plugin that misbehaves on ADD only (<paramref name="onAdd"/>) and succeeds silently otherwise, as DEL must.</summary>
    public static string FailingOnAdd(ThinModeHarness h, string name, string onAdd) =>
        Install(h, name, $"cat > /dev/null\n[ \"$CNI_COMMAND\" = ADD ] || exit 0\n{onAdd}");

    /// <summary>
    /// A wrapper around a reference plugin that saves its stdin as <c>&lt;dir&gt;/&lt;ifname&gt;-&lt;command&gt;.json</c>
    /// and then runs the real plugin on it (exec: its stdout and exit code are the wrapper's).
    /// </summary>
    public static string Recording(ThinModeHarness h, string name, string realPlugin, string recordDir)
    {
        Directory.CreateDirectory(recordDir);
        var file = $"\"{recordDir}/$CNI_IFNAME-$CNI_COMMAND.json\"";
        return Install(h, name, $"cat > {file}\nexec /usr/lib/cni/{realPlugin} < {file}");
    }
}
