namespace MultiNet.Cli.Migrate.Genie;

/// <summary>
/// Genie's node config folder (<c>/etc/cni/net.d</c>): a plugin name is the part of a config file's name between the first
/// <c>-</c> and the extension (<c>10-weave.conf</c> → <c>weave</c>).
/// </summary>
internal sealed class GenieConfigFolder(string path)
{
    private static readonly string[] Extensions = [".conf", ".conflist", ".json"];

    public string Path { get; } = path;

    /// <summary>The file Genie used for <paramref name="plugin"/> (the first by name), or null.</summary>
    public string? Find(string plugin) => Directory.EnumerateFiles(Path)
        .Where(f => Extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
        .Order(StringComparer.Ordinal)
        .FirstOrDefault(f => PluginName(f) == plugin && System.IO.Path.GetFileName(f) != "00-genie.conf");

    /// <summary>The plugin name Genie reads from a config file's name.</summary>
    public static string PluginName(string file)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(file);
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? stem[(dash + 1)..] : stem;
    }
}
