using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// One thick-mode test: the API stand-in, the published multinetd with its socket in a temp dir, and pods in their own
/// namespaces driven through the published multinet shim with real delegates (bridge + host-local cluster network,
/// a macvlan NAD). Subnets come from 198.18.64.0–198.18.127.255 only. Dispose removes everything.
/// </summary>
internal sealed class DaemonHarness : IAsyncDisposable
{
    private static int s_slot = -1;
    private readonly List<DaemonPod> _pods = [];
    private int _nextPod;

    private DaemonHarness(TestNetwork node, KubeApiStandIn api)
    {
        Node = node;
        Api = api;
        var slot = Interlocked.Increment(ref s_slot) % 32;
        ClusterSubnet = $"198.18.{64 + slot}.0/24";
        NadSubnet = $"198.18.{96 + slot}.0/24";
        ClusterBridge = node.BridgeName("dcl");
        MacvlanMaster = node.AddHostBridge("dmv");
        SocketDir = Path.Combine(node.Root, "run", "multinet");
        SocketPath = Path.Combine(SocketDir, "multinet.sock");
        DaemonConfig = new JsonObject
        {
            ["socketDir"] = SocketDir,
            ["nodeName"] = "node-1",
            ["kubeconfig"] = api.WriteKubeconfig(node.Root),
            ["logLevel"] = "debug",
            ["shutdownGraceSeconds"] = 20,
        };
    }

    public TestNetwork Node { get; }
    public KubeApiStandIn Api { get; }
    public string ClusterSubnet { get; }
    public string NadSubnet { get; }
    public string ClusterBridge { get; }
    public string MacvlanMaster { get; }
    public string SocketDir { get; }
    public string SocketPath { get; }
    public JsonObject DaemonConfig { get; }
    /// <summary>Environment variables the daemon starts with (e.g. <c>TZ</c>).</summary>
    public Dictionary<string, string> DaemonEnvironment { get; } = [];
    public DaemonProcess? Daemon { get; private set; }
    public string RunId => Node.Id;

    /// <summary>What multinetd is started through (see <see cref="DaemonProcess.StartWrapped"/>); none by default.</summary>
    public IReadOnlyList<string> DaemonWrapper { get; set; } = [];

    /// <summary>Extra keys of the shim's network config.</summary>
    public JsonObject ShimOverrides { get; } = [];

    public static async Task<DaemonHarness> StartAsync(bool startDaemon = true)
    {
        var node = new TestNetwork();
        DaemonHarness? harness = null;
        try
        {
            harness = new DaemonHarness(node, await KubeApiStandIn.StartAsync());
            if (startDaemon)
            {
                await harness.StartDaemonAsync();
            }

            return harness;
        }
        catch
        {
            if (harness is not null)
            {
                await harness.DisposeAsync();
            }
            else
            {
                node.Dispose();
            }

            throw;
        }
    }

    public async Task StartDaemonAsync()
    {
        var path = Path.Combine(Node.Root, "daemon.json");
        await File.WriteAllTextAsync(path, DaemonConfig.ToJsonString());
        Daemon = await DaemonProcess.StartReadyAsync(path, SocketPath, wrapper: DaemonWrapper, environment: DaemonEnvironment);
    }

    /// <summary>SIGTERM and wait for the exit.</summary>
    public async Task StopDaemonAsync()
    {
        if (Daemon is { HasExited: false } daemon)
        {
            daemon.Terminate();
            if (!await daemon.WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                throw new InvalidOperationException("multinetd did not exit within 30 s of SIGTERM:\n" + daemon.Log);
            }
        }
    }

    /// <summary>The cluster network's plugin type: the reference bridge unless a test puts its own in front of it.</summary>
    public string ClusterType { get; set; } = "bridge";

    public JsonObject ClusterConflist() => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "cluster",
        ["plugins"] = new JsonArray(new JsonObject
        {
            ["type"] = ClusterType,
            ["bridge"] = ClusterBridge,
            ["isGateway"] = true,
            ["ipam"] = Node.HostLocal(ClusterSubnet, ClusterSubnet.Replace(".0/24", ".1", StringComparison.Ordinal), defaultRoute: true),
        }),
    };

    /// <summary>Creates the NAD "macvlan-a" in team-a (macvlan on this test's host bridge).</summary>
    public void AddMacvlanNad(string name = "macvlan-a") => Api.AddNad("team-a", name, new JsonObject
    {
        ["cniVersion"] = "1.0.0",
        ["type"] = "macvlan",
        ["master"] = MacvlanMaster,
        ["mode"] = "bridge",
        ["ipam"] = Node.HostLocal(NadSubnet),
    }.ToJsonString());

    /// <summary>A pod with its namespace; in the API (node-1) unless <paramref name="inApi"/> is false.</summary>
    public DaemonPod NewPod(string? networks = null, bool inApi = true)
    {
        var pod = new DaemonPod(RunId, Interlocked.Increment(ref _nextPod));
        lock (_pods)
        {
            _pods.Add(pod);
        }

        if (inApi)
        {
            CreateInApi(pod, networks);
        }

        return pod;
    }

    public void CreateInApi(DaemonPod pod, string? networks = null)
    {
        var annotations = networks is null ? null : new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = networks };
        pod.Uid = (string?)Api.AddPod(pod.Namespace, pod.Name, annotations, "node-1")["metadata"]!["uid"];
    }

    public string ShimConfig()
    {
        var config = Node.PluginConfig(ClusterConflist());
        config["daemonSocketDir"] = SocketDir;
        config["daemonReadyTimeoutSeconds"] = 2;
        foreach (var (k, v) in ShimOverrides)
        {
            config[k] = v?.DeepClone();
        }

        return config.ToJsonString();
    }

    public Task<PluginProcess.Outcome> RunAsync(string command, DaemonPod pod) =>
        PluginProcess.RunAsync(PluginProcess.Env(command, pod.ContainerId, pod.NetnsPath, "eth0", pod.Namespace, pod.Name, pod.Uid), ShimConfig());

    public string ShimLog => File.Exists(Node.PluginLog) ? File.ReadAllText(Node.PluginLog) : "";

    /// <summary>What a failed assertion should show: the daemon's and the shim's logs.</summary>
    public string Logs => $"\n--- multinetd ---\n{Daemon?.Log}\n--- multinet ---\n{ShimLog}";

    /// <summary>No interface in any pod namespace, no host-local lease, no checkpoint.</summary>
    public void AssertNothingLeaked()
    {
        List<DaemonPod> pods;
        lock (_pods)
        {
            pods = [.. _pods];
        }

        var links = pods.SelectMany(p => p.Links().Select(l => $"{p.NetnsName}:{l}")).ToList();
        var leases = Node.Leases();
        var checkpoints = Node.Checkpoints();
        if (links.Count + leases.Count + checkpoints.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"leaked: links [{string.Join(", ", links)}], leases [{string.Join(", ", leases)}], checkpoints [{string.Join(", ", checkpoints)}]");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Api.IsRunning)
            {
                await Api.RestartAsync();
            }

            foreach (var pod in _pods)
            {
                await RunAsync("DEL", pod);
            }

            await StopDaemonAsync();
        }
        finally
        {
            Daemon?.Dispose();
            await Api.DisposeAsync();
            foreach (var pod in _pods)
            {
                pod.Dispose();
            }

            Node.Dispose();
        }
    }
}
