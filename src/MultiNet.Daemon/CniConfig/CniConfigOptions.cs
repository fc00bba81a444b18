using System.Text.Json.Nodes;

namespace MultiNet.Daemon.CniConfig;

/// <summary>What <see cref="CniConfigManager"/> generates and where; validate with <see cref="Validated"/> at start.</summary>
internal sealed record CniConfigOptions
{
    /// <summary>Keys the manager writes itself; <see cref="ExtraKeys"/> may not set them.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "name", "cniVersion", "cniVersions", "clusterNetwork", "delegates", "daemonSocketDir", "kubeconfig", "capabilities",
    };

    /// <summary>The node's CNI config folder, where the runtime reads configs and the primary one lives.</summary>
    public string ConfDir { get; init; } = "/etc/cni/net.d";

    /// <summary>File name (in <see cref="ConfDir"/>) or absolute path of the primary config; null picks the first by name.</summary>
    public string? PrimaryConfigName { get; init; }

    /// <summary>Thick (socket) or thin (kubeconfig).</summary>
    public CniConfigMode Mode { get; init; } = CniConfigMode.Thick;

    /// <summary>Thick: the daemon's socket folder, written as <c>daemonSocketDir</c>.</summary>
    public string SocketDir { get; init; } = "/run/multinet";

    /// <summary>Thin: the kubeconfig the plugin uses, written as <c>kubeconfig</c>.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>While this file is missing the generated config is removed and the manager is not ready.</summary>
    public string? ReadinessIndicatorFile { get; init; }

    /// <summary>More keys for the <c>multinet</c> plugin entry (<c>namespaceIsolation</c>, <c>logLevel</c>, ...).</summary>
    public JsonObject? ExtraKeys { get; init; }

    /// <summary>The generated file's name in <see cref="ConfDir"/>; "00-" sorts it before the primary.</summary>
    public string OutputFileName { get; init; } = "00-multinet.conflist";

    /// <summary>The generated network's <c>name</c>.</summary>
    public string NetworkName { get; init; } = "multinet-cni-network";

    /// <summary>What happens to the generated file when <see cref="CniConfigManager.RunAsync"/> stops (SIGTERM).</summary>
    public ConfigRemoval Removal { get; init; } = ConfigRemoval.Always;

    /// <summary>How long the stop may spend asking the <see cref="IUninstallSignal"/>.</summary>
    public TimeSpan UninstallCheckTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Full rescan period: the safety net behind the folder watch (missed events, symlinked primaries).</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait after a change event so a burst of writes to the primary is read once.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Full path of the generated file.</summary>
    public string OutputPath => Path.Combine(ConfDir, OutputFileName);

    /// <summary>Returns these options, or throws <see cref="ArgumentException"/> naming the field that is wrong.</summary>
    public CniConfigOptions Validated()
    {
        RequireAbsolute(ConfDir, "confDir");
        RequireAbsolute(ReadinessIndicatorFile, "readinessIndicatorFile");
        if (string.IsNullOrWhiteSpace(OutputFileName) || OutputFileName.Contains('/', StringComparison.Ordinal)
            || !OutputFileName.EndsWith(".conflist", StringComparison.Ordinal))
        {
            throw Invalid("outputFileName", $"\"{OutputFileName}\" must be a file name ending in .conflist");
        }

        if (PrimaryConfigName is not null && (PrimaryConfigName.Length == 0 || PrimaryConfigName == OutputFileName))
        {
            throw Invalid("primaryConfig", $"\"{PrimaryConfigName}\" cannot name the generated file itself");
        }

        if (Mode == CniConfigMode.Thick)
        {
            RequireAbsolute(SocketDir, "socketDir");
        }
        else if (KubeconfigPath is null)
        {
            throw Invalid("kubeconfig", "thin mode needs the path of the kubeconfig the plugin uses");
        }
        else
        {
            RequireAbsolute(KubeconfigPath, "kubeconfig");
        }

        if (RescanInterval <= TimeSpan.Zero || Debounce < TimeSpan.Zero)
        {
            throw Invalid("rescanInterval", "must be positive");
        }

        var reserved = ExtraKeys?.Select(kv => kv.Key).FirstOrDefault(ReservedKeys.Contains);
        return reserved is null
            ? this
            : throw Invalid(reserved, "is written by multinetd and cannot be set as an extra key");
    }

    private static void RequireAbsolute(string? path, string field)
    {
        if (path is not null && !Path.IsPathRooted(path))
        {
            throw Invalid(field, $"\"{path}\" is not an absolute path");
        }
    }

    private static ArgumentException Invalid(string field, string problem) => new($"cni config: field \"{field}\": {problem}");
}
