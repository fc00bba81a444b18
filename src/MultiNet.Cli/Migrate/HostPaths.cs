namespace MultiNet.Cli.Migrate;

/// <summary>
/// Thick Multus names host folders as its container sees them (<c>/host/etc/cni/net.d</c>, <c>/hostroot/...</c>); MultiNet's
/// DaemonSet mounts host folders at their host paths. Turns the former into the latter, saying so for each key.
/// </summary>
internal sealed class HostPaths(IReadOnlyList<string> prefixes, FindingList findings)
{
    /// <summary>The prefixes of thick Multus's own DaemonSet: <c>/hostroot</c> (the host's /) and <c>/host</c> (/etc/cni/net.d, /run, /opt/cni/bin).</summary>
    public static readonly IReadOnlyList<string> MultusDefaults = ["/hostroot", "/host"];

    /// <summary>The host path of <paramref name="path"/>, the value of <paramref name="key"/>.</summary>
    public string ToHost(string key, string path)
    {
        foreach (var prefix in prefixes.Select(p => p.TrimEnd('/')).Where(p => p.Length > 0))
        {
            if (path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                var host = path[prefix.Length..];
                findings.Changed(key, $"\"{path}\" is the host path \"{host}\" as Multus's container saw it (under \"{prefix}\"); MultiNet's DaemonSet mounts host folders at their host paths, so \"{host}\" is written");
                return host;
            }
        }

        return path;
    }
}
