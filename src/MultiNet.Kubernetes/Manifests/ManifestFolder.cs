using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>
/// Pods and NetworkAttachmentDefinitions read from manifest files, for running without a cluster (standalone mode, the CLI).
/// Status and events written by the engine are kept in memory.
/// </summary>
public sealed class ManifestFolder : IPodSource, INetworkDefinitionSource, IPodStatusWriter, IPodEventRecorder
{
    /// <summary>Annotation the engine writes on the pod.</summary>
    private const string NetworkStatusAnnotation = "k8s.v1.cni.cncf.io/network-status";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, NetworkAttachmentDefinition> _networks;
    private readonly List<string> _podOrder;
    private readonly Dictionary<string, PodInfo> _pods;
    private readonly Dictionary<string, string> _statuses = new(StringComparer.Ordinal);
    private readonly List<(PodInfo Pod, PodEvent Event)> _events = [];

    private ManifestFolder(IReadOnlyList<NetworkAttachmentDefinition> networks, IReadOnlyList<PodInfo> pods)
    {
        Networks = networks;
        _networks = networks.ToDictionary(n => Key(n.Namespace, n.Name), StringComparer.Ordinal);
        _podOrder = [.. pods.Select(p => Key(p.Namespace, p.Name))];
        _pods = pods.ToDictionary(p => Key(p.Namespace, p.Name), StringComparer.Ordinal);
    }

    /// <summary>The NADs, in file and document order.</summary>
    public IReadOnlyList<NetworkAttachmentDefinition> Networks { get; }

    /// <summary>The pods, in file and document order, with any network-status written since loading.</summary>
    public IReadOnlyList<PodInfo> Pods
    {
        get
        {
            lock (_gate)
            {
                return [.. _podOrder.Select(key => _pods[key])];
            }
        }
    }

    /// <summary>Events recorded so far, oldest first.</summary>
    public IReadOnlyList<(PodInfo Pod, PodEvent Event)> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>
    /// Reads files and directories (their <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files, not recursively, sorted by name).
    /// Keeps NetworkAttachmentDefinitions (<c>k8s.cni.cncf.io/v1</c>) and Pods (<c>v1</c>), also inside <c>List</c> objects; ignores other kinds.
    /// Throws <see cref="CniException"/> naming the file and document on a syntax error, a missing name or a duplicate.
    /// </summary>
    public static ManifestFolder Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var collector = new ManifestCollector();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in paths.SelectMany(ExpandPath))
        {
            // A file named directly and again through its directory is read once.
            if (seen.Add(Path.GetFullPath(file)))
            {
                collector.AddFile(file);
            }
        }

        return new ManifestFolder(collector.Networks, collector.Pods);
    }

    /// <summary>The network-status JSON last written for the pod, or null.</summary>
    public string? LastNetworkStatus(string ns, string name)
    {
        lock (_gate)
        {
            return _statuses.GetValueOrDefault(Key(ns, name));
        }
    }

    /// <inheritdoc />
    public Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_pods.GetValueOrDefault(Key(podNamespace, podName)));
        }
    }

    /// <inheritdoc />
    public Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken) =>
        Task.FromResult(_networks.GetValueOrDefault(Key(nadNamespace, nadName)));

    /// <inheritdoc />
    public Task WriteNetworkStatusAsync(PodInfo pod, string networkStatusJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var key = Key(pod.Namespace, pod.Name);
        lock (_gate)
        {
            _statuses[key] = networkStatusJson;

            // Like the API: a later read of the pod sees the annotation (a pod not in the manifests just gets its status kept).
            if (_pods.TryGetValue(key, out var stored))
            {
                var annotations = new Dictionary<string, string>(stored.Annotations, StringComparer.Ordinal)
                {
                    [NetworkStatusAnnotation] = networkStatusJson,
                };
                _pods[key] = stored with { Annotations = annotations };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add((pod, podEvent));
        }

        return Task.CompletedTask;
    }

    private static IEnumerable<string> ExpandPath(string path) => path == "-"
        ? throw new CniException(CniErrorCode.IoFailure, "manifest path \"-\": standard input is not read here; give a file or directory")
        : ManifestScanner.ExpandPath(path, recursive: false);

    private static string Key(string ns, string name) => $"{ns}/{name}";
}
