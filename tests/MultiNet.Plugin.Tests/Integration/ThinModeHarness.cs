using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// One plugin test: a fresh netns and node directories, the API stand-in, a cluster network (bridge +
/// host-local) and a macvlan master. Runs the published multinet binary: in thin mode (the default) it does the work
/// itself; in thick mode the harness also runs multinetd (<see cref="Daemon"/>) and multinet is its shim. Dispose
/// removes everything.
/// </summary>
internal sealed class ThinModeHarness : IAsyncDisposable
{
    private ThinModeHarness(TestNetwork node, KubeApiStandIn api, string tag, PluginMode mode)
    {
        Node = node;
        Api = api;
        Mode = mode;
        Kubeconfig = api.WriteKubeconfig(node.Root);
        ClusterBridge = node.BridgeName(tag + "cl");
        MacvlanMaster = node.AddHostBridge(tag + "mv");
        ContainerId = $"ctr-{node.Id}";
        Daemon = mode == PluginMode.Thick ? new HarnessDaemon(node, api, Kubeconfig) : null;
    }

    public TestNetwork Node { get; }
    public KubeApiStandIn Api { get; }
    public PluginMode Mode { get; }

    /// <summary>multinetd in thick mode (started by <see cref="StartAsync"/>), null in thin mode.</summary>
    public HarnessDaemon? Daemon { get; }
    public string Kubeconfig { get; }
    public string ClusterBridge { get; }
    public string MacvlanMaster { get; }
    public string ContainerId { get; }
    public string PodNamespace { get; } = "team-a";
    public string PodName { get; } = "pod-1";
    public string? PodUid { get; private set; }
    public string ClusterSubnet { get; private set; } = "";

    /// <summary>Extra keys merged into the multinet config.</summary>
    public JsonObject ConfigOverrides { get; } = [];

    /// <summary>The cluster network's delegate (replace to change it).</summary>
    public JsonObject ClusterDelegate { get; set; } = null!;

    /// <summary>
    /// Starts a harness; <paramref name="tag"/> prefixes its host bridge names (after "mn") and
    /// <paramref name="clusterSubnet"/> is the cluster network's range, so suites can keep to their own names and subnets.
    /// </summary>
    public static async Task<ThinModeHarness> StartAsync(string clusterSubnet = "198.18.1.0/24", string tag = "", PluginMode mode = PluginMode.Thin)
    {
        var node = new TestNetwork();
        ThinModeHarness? harness = null;
        try
        {
            harness = new ThinModeHarness(node, await KubeApiStandIn.StartAsync(), tag, mode);
            var gateway = clusterSubnet[..clusterSubnet.LastIndexOf('.')] + ".1";
            harness.ClusterSubnet = clusterSubnet;
            harness.ClusterDelegate = harness.BridgeConflist("cluster", harness.ClusterBridge, clusterSubnet, gateway, defaultRoute: true);
            if (harness.Daemon is not null)
            {
                await harness.Daemon.StartAsync();
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

    public JsonObject BridgeConflist(string name, string bridge, string subnet, string? gateway = null, bool defaultRoute = false,
        params JsonObject[] extraPlugins)
    {
        var plugins = new JsonArray(new JsonObject
        {
            ["type"] = "bridge",
            ["bridge"] = bridge,
            ["ipam"] = Node.HostLocal(subnet, gateway, defaultRoute),
        });
        foreach (var p in extraPlugins)
        {
            plugins.Add(p);
        }

        return new JsonObject { ["cniVersion"] = "1.0.0", ["name"] = name, ["plugins"] = plugins };
    }

    public JsonObject Macvlan(string subnet, string? gateway = null, JsonObject? capabilities = null)
    {
        var conf = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["type"] = "macvlan",
            ["master"] = MacvlanMaster,
            ["mode"] = "bridge",
            ["ipam"] = Node.HostLocal(subnet, gateway),
        };
        if (capabilities is not null)
        {
            conf["capabilities"] = capabilities;
        }

        return conf;
    }

    /// <summary>A plugin that always fails ADD after the ones before it ran (tuning with a sysctl that does not exist).</summary>
    public static JsonObject FailingTuning() =>
        new() { ["type"] = "tuning", ["sysctl"] = new JsonObject { ["net.ipv4.conf.all.no_such_sysctl_multinet"] = "1" } };

    public void AddNad(string name, JsonObject config, string? ns = null, string? resourceName = null) =>
        Api.AddNad(ns ?? PodNamespace, name, config.ToJsonString(), resourceName);

    public void AddPod(string? networks, IDictionary<string, string>? more = null)
    {
        var annotations = new Dictionary<string, string>(more ?? new Dictionary<string, string>());
        if (networks is not null)
        {
            annotations["k8s.v1.cni.cncf.io/networks"] = networks;
        }

        var pod = Api.AddPod(PodNamespace, PodName, annotations, "node-1");
        PodUid = (string?)pod["metadata"]!["uid"];
    }

    public string Config(bool withKubernetes = true)
    {
        var config = Node.PluginConfig(ClusterDelegate);
        if (withKubernetes)
        {
            config["kubeconfig"] = Kubeconfig;
        }

        if (Daemon is not null)
        {
            // A daemon that is down fails ADD after this wait: short, so that crash tests do not wait long for it.
            config["daemonSocketDir"] = Daemon.SocketDir;
            config["daemonReadyTimeoutSeconds"] = 1;
        }

        foreach (var (k, v) in ConfigOverrides)
        {
            config[k] = v?.DeepClone();
        }

        return config.ToJsonString();
    }

    /// <summary>
    /// Runs <paramref name="binary"/> (the published multinet when null) as the runtime would. In thick mode a running
    /// daemon's caches first catch up with the API, so what the daemon finds is what the test arranged.
    /// </summary>
    public async Task<PluginProcess.Outcome> RunAsync(string command, bool withKubernetes = true, string? config = null, string? netns = "",
        string? binary = null)
    {
        if (Daemon is { IsRunning: true })
        {
            await Daemon.WaitUntilCachedAsync();
        }

        var env = PluginProcess.Env(command, ContainerId, netns == "" ? Node.NetnsPath : netns, "eth0", PodNamespace, PodName, PodUid);
        return await PluginProcess.RunAsync(env, config ?? Config(withKubernetes), binary);
    }

    /// <summary>multinet's log file; in thick mode followed by multinetd's stderr (where the engine logs).</summary>
    public string Log
    {
        get
        {
            var path = Node.PluginLog;
            var own = File.Exists(path) ? File.ReadAllText(path) : "";
            return Daemon is null ? own : $"{own}\n--- multinetd ---\n{Daemon.Log}";
        }
    }

    public string? NetworkStatus => Api.GetPodAnnotation(PodNamespace, PodName, "k8s.v1.cni.cncf.io/network-status");

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Whatever the test did, tear the pod down so its bridges can go.
            if (Api.IsRunning is false)
            {
                await Api.RestartAsync();
            }

            await RunAsync("DEL");
            if (Daemon is not null)
            {
                await Daemon.StopAsync();
            }
        }
        finally
        {
            Daemon?.Dispose();
            await Api.DisposeAsync();
            Node.Dispose();
        }
    }
}
