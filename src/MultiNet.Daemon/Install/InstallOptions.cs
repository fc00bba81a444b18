using System.Text.Json.Nodes;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Install;

/// <summary>What <c>multinetd install</c> does; parsed by <see cref="InstallArguments"/>.</summary>
internal sealed record InstallOptions
{
    /// <summary>The <c>multinet</c> executable in the image.</summary>
    public string SourceBinary { get; init; } = "/usr/local/bin/multinet";

    /// <summary>The host's CNI bin folder (mounted at the same path).</summary>
    public string CniBinDir { get; init; } = "/opt/cni/bin";

    /// <summary>The host's CNI config folder (mounted at the same path).</summary>
    public string CniConfDir { get; init; } = "/etc/cni/net.d";

    /// <summary>
    /// The host's <c>/</c> as mounted in this container (like Multus's <c>/hostroot</c>): the installed binary's check runs
    /// chrooted into it, with the host's loader and glibc. Null: the check runs the binary directly in this container.
    /// </summary>
    public string? HostRoot { get; init; }

    /// <summary>Thick: copy the binary only (the daemon writes the config). Thin: also the kubeconfig and the config.</summary>
    public CniConfigMode Mode { get; init; } = CniConfigMode.Thick;

    /// <summary>Do one pass and exit (an init container) instead of keeping files current until stopped.</summary>
    public bool Once { get; init; }

    /// <summary>Thin: what happens to the generated config when stopped (SIGTERM); keep it unless told otherwise.</summary>
    public ConfigRemoval Removal { get; init; } = ConfigRemoval.Never;

    /// <summary>Thin: where the kubeconfig is written; null for <c>&lt;conf dir&gt;/multinet.d/multinet.kubeconfig</c>.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The mounted service-account folder.</summary>
    public string ServiceAccountDir { get; init; } = ServiceAccountCredentials.DefaultDirectory;

    /// <summary>The primary config's file name or path; null picks the first by name.</summary>
    public string? PrimaryConfig { get; init; }

    /// <summary>Thin: readiness indicator file (the config is written only while it exists).</summary>
    public string? ReadinessIndicatorFile { get; init; }

    /// <summary>More keys for the generated <c>multinet</c> plugin entry.</summary>
    public JsonObject ExtraKeys { get; init; } = [];

    /// <summary>Rescan period of the config folder and the service-account token.</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Change nothing: exit 0 when installed, 1 saying what is missing (<see cref="InstallCheck"/>).</summary>
    public bool Check { get; init; }

    /// <summary>Print the usage and exit.</summary>
    public bool ShowHelp { get; init; }

    /// <summary>The kubeconfig path in effect.</summary>
    public string EffectiveKubeconfigPath => KubeconfigPath ?? Path.Combine(CniConfDir, "multinet.d", "multinet.kubeconfig");

    /// <summary>The generated config's options for thin mode.</summary>
    public CniConfigOptions ToCniConfigOptions() => new()
    {
        ConfDir = CniConfDir,
        PrimaryConfigName = PrimaryConfig,
        Mode = CniConfigMode.Thin,
        KubeconfigPath = EffectiveKubeconfigPath,
        ReadinessIndicatorFile = ReadinessIndicatorFile,
        ExtraKeys = ExtraKeys.Count == 0 ? null : ExtraKeys,
        Removal = Removal,
        RescanInterval = RescanInterval,
    };
}
