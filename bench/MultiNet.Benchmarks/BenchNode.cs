using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The node the benchmark runs on: private lease and checkpoint directories, the host bridges, the API stand-in
/// serving the pod and its two NADs, and the multinet config. Everything it made goes in <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    public const string PodNamespace = "bench";
    public const string PodName = "pod-1";

    private BenchNode(TestNetwork node, KubeApiStandIn api)
    {
        Node = node;
        Api = api;
        Networks = new BenchNetworks(node);
        var kubeconfig = api.WriteKubeconfig(node.Root);
        Kubeconfig = kubeconfig;
        SocketDir = Path.Combine(node.Root, "run");
        Api.AddNad(PodNamespace, BenchNetworks.MacvlanNad, Networks.Macvlan.ToJsonString());
        Api.AddNad(PodNamespace, BenchNetworks.StorageNad, Networks.Storage.ToJsonString());
        var pod = Api.AddPod(PodNamespace, PodName, new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = BenchNetworks.Selection }, "node-1");
        PodUid = (string?)pod["metadata"]?["uid"] ?? throw new InvalidOperationException("the stand-in gave the pod no uid");

        // Production defaults otherwise: no log file, logLevel panic.
        MultinetConfig = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "multinet",
            ["type"] = "multinet",
            ["kubeconfig"] = kubeconfig,
            ["cniDir"] = node.CniDir,
            ["confDir"] = node.ConfDir,
            ["binDir"] = RepoLayout.ReferencePlugins,
            ["delegates"] = new JsonArray(Networks.Cluster.DeepClone()),
        }.ToJsonString();
        var thick = (JsonObject)JsonNode.Parse(MultinetConfig)!;
        thick.Remove("kubeconfig");
        thick["daemonSocketDir"] = SocketDir;
        ThickConfig = thick.ToJsonString();
    }

    public TestNetwork Node { get; }
    public KubeApiStandIn Api { get; }
    public BenchNetworks Networks { get; }
    public string PodUid { get; }
    public string MultinetConfig { get; }

    /// <summary>The same config in thick mode: forwarded to multinetd, which holds the API access.</summary>
    public string ThickConfig { get; }
    public string Kubeconfig { get; }
    public string SocketDir { get; }

    /// <summary>Eight hex characters unique to this run; every netns and bridge name carries (part of) it.</summary>
    public string Id => Node.Id;

    public static async Task<BenchNode> StartAsync()
    {
        var node = new TestNetwork();
        KubeApiStandIn? api = null;
        try
        {
            api = await KubeApiStandIn.StartAsync();
            return new BenchNode(node, api);
        }
        catch
        {
            if (api is not null)
            {
                await api.DisposeAsync();
            }

            node.Dispose();
            throw;
        }
    }

    /// <summary>The CNI environment of one call for this pod (CNI_ARGS as a Kubernetes runtime sets them).</summary>
    public Dictionary<string, string> Env(string command, string containerId, string? netnsPath) =>
        PluginProcess.Env(command, containerId, netnsPath, "eth0", PodNamespace, PodName, PodUid);

    /// <summary>The CNI_ARGS pairs of <see cref="Env"/>, for the delegates called directly.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CniArgs(string containerId) =>
    [
        new("IgnoreUnknown", "1"),
        new("K8S_POD_NAMESPACE", PodNamespace),
        new("K8S_POD_NAME", PodName),
        new("K8S_POD_INFRA_CONTAINER_ID", containerId),
        new("K8S_POD_UID", PodUid),
    ];

    /// <summary>What an attachment could leave behind: host-local leases, checkpoint files, ports on the bridges.</summary>
    public IReadOnlyList<string> Leftovers()
    {
        var found = new List<string>();
        found.AddRange(Node.Leases().Select(l => $"lease {l}"));
        found.AddRange(Node.Checkpoints().Select(c => $"checkpoint {c}"));
        foreach (var bridge in Networks.Bridges)
        {
            var (code, ports, _) = Shell.Run("ip", "-o", "link", "show", "master", bridge);
            if (code == 0 && ports.Trim().Length > 0)
            {
                found.Add($"ports on {bridge}: {ports.Trim()}");
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Api.DisposeAsync();
        }
        finally
        {
            Node.Dispose();
        }
    }
}
