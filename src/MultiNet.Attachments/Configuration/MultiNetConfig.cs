using System.Text.Json.Nodes;
using MultiNet.Attachments.Logging;

namespace MultiNet.Attachments.Configuration;

/// <summary>
/// The <c>"type": "multinet"</c> network configuration. Multus's keys keep their meaning; keys MultiNet adds are
/// documented in the README. Parsed by <see cref="MultiNetConfigParser"/>.
/// </summary>
public sealed record MultiNetConfig
{
    /// <summary>Multus default for <c>confDir</c>, kept so a Multus install switches without edits.</summary>
    public const string DefaultConfDir = "/etc/cni/multus/net.d";
    /// <summary>Default for <c>cniDir</c> (checkpoints).</summary>
    public const string DefaultCniDir = "/var/lib/cni/multinet";
    /// <summary>Multus's default <c>cniDir</c>: where a node that ran Multus keeps its caches (see <see cref="MultusCniDir"/>).</summary>
    public const string DefaultMultusCniDir = "/var/lib/cni/multus";
    /// <summary>Default for <c>binDir</c>.</summary>
    public const string DefaultBinDir = "/opt/cni/bin";

    /// <summary>The whole configuration as received (unknown keys included).</summary>
    public required JsonObject Raw { get; init; }
    /// <summary><c>cniVersion</c> of this configuration: results are printed in it.</summary>
    public required string CniVersion { get; init; }
    /// <summary><c>name</c>.</summary>
    public required string Name { get; init; }
    /// <summary><c>clusterNetwork</c>: NAD name (in <see cref="MultusNamespace"/>), conf name in confDir, a file or a directory.</summary>
    public string? ClusterNetwork { get; init; }
    /// <summary><c>delegates</c>: inline configs, the first is the cluster network.</summary>
    public IReadOnlyList<JsonObject> Delegates { get; init; } = [];
    /// <summary><c>defaultNetworks</c>: networks every pod gets (not in system namespaces).</summary>
    public IReadOnlyList<string> DefaultNetworks { get; init; } = [];
    /// <summary><c>kubeconfig</c>.</summary>
    public string? Kubeconfig { get; init; }
    /// <summary><c>confDir</c>.</summary>
    public string ConfDir { get; init; } = DefaultConfDir;
    /// <summary><c>cniDir</c>: where checkpoints live.</summary>
    public string CniDir { get; init; } = DefaultCniDir;
    /// <summary>
    /// <c>multusCniDir</c> (ours): where Multus kept its caches before the switch. Unset, both <see cref="CniDir"/> (a
    /// migrated config keeps Multus's <c>cniDir</c>) and <see cref="DefaultMultusCniDir"/> are looked at.
    /// </summary>
    public string? MultusCniDir { get; init; }
    /// <summary>The folders DEL, CHECK and GC look in for the caches of containers Multus attached.</summary>
    public IReadOnlyList<string> MultusCacheDirs => MultusCniDir is { } dir
        ? [dir]
        : [.. new[] { CniDir, DefaultMultusCniDir }.Select(Path.TrimEndingDirectorySeparator).Distinct(StringComparer.Ordinal)];
    /// <summary><c>binDir</c>: searched before <c>CNI_PATH</c>.</summary>
    public string BinDir { get; init; } = DefaultBinDir;
    /// <summary><c>namespaceIsolation</c>.</summary>
    public bool NamespaceIsolation { get; init; }
    /// <summary><c>globalNamespaces</c> (default <c>default</c>).</summary>
    public IReadOnlyList<string> GlobalNamespaces { get; init; } = ["default"];
    /// <summary><c>systemNamespaces</c> (default <c>kube-system</c>).</summary>
    public IReadOnlyList<string> SystemNamespaces { get; init; } = ["kube-system"];
    /// <summary><c>multusNamespace</c>: where cluster and default networks and the default-network annotation resolve.</summary>
    public string MultusNamespace { get; init; } = "kube-system";
    /// <summary><c>readinessindicatorfile</c>.</summary>
    public string? ReadinessIndicatorFile { get; init; }
    /// <summary><c>readinessTimeoutSeconds</c> (ours): how long ADD waits for the readiness file.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(45);
    /// <summary><c>logFile</c>.</summary>
    public string? LogFile { get; init; }
    /// <summary><c>logLevel</c>: panic, error, verbose, debug.</summary>
    public string LogLevel { get; init; } = "panic";
    /// <summary><c>logToStderr</c>.</summary>
    public bool LogToStderr { get; init; } = true;
    /// <summary><c>logFormat</c> (ours): <c>text</c> (default) or <c>json</c>, one object per line.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
    /// <summary><c>logOptions</c>: rotation of <c>logFile</c> (Multus's keys and defaults).</summary>
    public LogRotation LogOptions { get; init; } = new();
    /// <summary><c>daemonSocketDir</c>: when set, the plugin forwards to multinetd.</summary>
    public string? DaemonSocketDir { get; init; }
    /// <summary><c>runtimeConfig</c> from the runtime: applied to the cluster network only.</summary>
    public JsonObject? RuntimeConfig { get; init; }
    /// <summary><c>resultMode</c> (ours): <c>cluster</c> (default) or <c>merged</c>.</summary>
    public ResultMode ResultMode { get; init; } = ResultMode.ClusterNetwork;
    /// <summary><c>delegateTimeoutSeconds</c> (ours): a delegate that runs longer is killed and rolled back.</summary>
    public TimeSpan DelegateTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary><c>deviceInfoDir</c> (ours): the NPWG device-info directory.</summary>
    public string DeviceInfoDir { get; init; } = "/var/run/k8s.cni.cncf.io/devinfo";
    /// <summary><c>podResourcesSocket</c> (ours): the kubelet PodResources socket.</summary>
    public string PodResourcesSocket { get; init; } = "/var/lib/kubelet/pod-resources/kubelet.sock";
    /// <summary><c>kubeletCheckpointFile</c> (ours): fallback for device allocations.</summary>
    public string KubeletCheckpointFile { get; init; } = "/var/lib/kubelet/device-plugins/kubelet_internal_checkpoint";
}
