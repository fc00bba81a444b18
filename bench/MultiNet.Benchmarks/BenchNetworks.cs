using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The pod's three networks, as one set of JSON configs both sides use: the cluster network (bridge + host-local,
/// default route) on eth0, NAD "macvlan-a" (macvlan on a host bridge) on net1 and NAD "storage" (bridge + tuning) on net2.
/// Subnets are in 198.19.0.0/16 (part of the 198.18.0.0/15 benchmarking range) so they do not meet the tests' 198.18.x.
/// </summary>
internal sealed class BenchNetworks
{
    public const string MacvlanNad = "macvlan-a";
    public const string StorageNad = "storage";

    public BenchNetworks(TestNetwork node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ClusterBridge = node.BridgeName("bcl");
        StorageBridge = node.BridgeName("bst");
        MacvlanMaster = node.AddHostBridge("bmv");
        Cluster = Conflist("cluster", Bridge(ClusterBridge, node.HostLocal("198.19.201.0/24", "198.19.201.1", defaultRoute: true)));
        Macvlan = new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = MacvlanNad,
            ["type"] = "macvlan",
            ["master"] = MacvlanMaster,
            ["mode"] = "bridge",
            ["ipam"] = node.HostLocal("198.19.202.0/24"),
        };
        Storage = Conflist(StorageNad, Bridge(StorageBridge, node.HostLocal("198.19.203.0/24")), new JsonObject { ["type"] = "tuning", ["mtu"] = 1400 });
    }

    public string ClusterBridge { get; }
    public string StorageBridge { get; }
    public string MacvlanMaster { get; }

    /// <summary>The cluster network, a conflist: multinet's only delegate.</summary>
    public JsonObject Cluster { get; }

    /// <summary>NAD "macvlan-a": a single conf.</summary>
    public JsonObject Macvlan { get; }

    /// <summary>NAD "storage": a conflist.</summary>
    public JsonObject Storage { get; }

    /// <summary>The pod's annotation selecting the two NADs; multinet names them net1 and net2.</summary>
    public static string Selection => $"{MacvlanNad}, {StorageNad}";

    /// <summary>What a runtime calling the delegates itself would run, in order, with the interface names multinet gives.</summary>
    public IReadOnlyList<(NetworkConfigList List, string IfName)> Attachments() =>
    [
        (NetworkConfigList.Parse(Cluster), "eth0"),
        (NetworkConfigList.Parse(Macvlan), "net1"),
        (NetworkConfigList.Parse(Storage), "net2"),
    ];

    /// <summary>The interfaces both ways leave in the pod after ADD.</summary>
    public static IReadOnlyList<string> Interfaces { get; } = ["eth0", "net1", "net2"];

    /// <summary>The bridges whose ports must be gone after every DEL.</summary>
    public IReadOnlyList<string> Bridges => [ClusterBridge, StorageBridge, MacvlanMaster];

    private static JsonObject Bridge(string name, JsonObject ipam) =>
        new() { ["type"] = "bridge", ["bridge"] = name, ["ipam"] = ipam };

    private static JsonObject Conflist(string name, params JsonObject[] plugins) =>
        new() { ["cniVersion"] = "1.0.0", ["name"] = name, ["plugins"] = new JsonArray([.. plugins]) };
}
