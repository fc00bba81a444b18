using System.Reflection;

namespace MultiNet.Cni.Build;

/// <summary>
/// The version and commit stamped into every MultiNet binary (<c>Version</c> in Directory.Build.props, the commit
/// appended by the build as <c>0.9.0+commit</c>): what <c>--version</c> prints and the <c>build_info</c> metric carries.
/// </summary>
public static class BuildInfo
{
    /// <summary>The commit label when the build had none (built outside git, e.g. from a tarball).</summary>
    public const string UnknownCommit = "unknown";

    private static readonly (string Version, string Commit) Stamp = Read();

    /// <summary>The release version, e.g. <c>0.9.0</c>.</summary>
    public static string Version => Stamp.Version;

    /// <summary>The git commit the binary was built from, or <see cref="UnknownCommit"/>.</summary>
    public static string Commit => Stamp.Commit;

    /// <summary>What <c>--version</c> prints: <c>multinetd 0.9.0 (commit 1a2b3c4d5e6f)</c>.</summary>
    public static string VersionLine(string program) => $"{program} {Version} (commit {Commit})";

    /// <summary>The <c>multinet_build_info</c> gauge in the Prometheus text format, HELP and TYPE lines included.</summary>
    public static string MetricText() =>
        "# HELP multinet_build_info The version and commit this binary was built from (always 1).\n"
        + "# TYPE multinet_build_info gauge\n"
        + $"multinet_build_info{{version=\"{Version}\",commit=\"{Commit}\"}} 1\n";

    private static (string Version, string Commit) Read()
    {
        var informational = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? (informational, UnknownCommit)
            : (informational[..plus], informational[(plus + 1)..] is { Length: > 0 } commit ? commit : UnknownCommit);
    }
}
