using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>
/// One standalone-mode test: a fresh netns, a macvlan master, a manifest directory and a multinet config file whose
/// cniDir, cluster bridge and host-local leases all belong to this test. Dispose detaches and removes everything.
/// </summary>
internal sealed class StandaloneNode : IDisposable
{
    public const string ClusterSubnet = "198.19.1.0/24";

    public StandaloneNode()
    {
        Node = new TestNetwork();
        try
        {
            MacvlanMaster = Node.AddHostBridge("mv");
            ClusterBridge = Node.BridgeName("cl");
            ManifestDir = Path.Combine(Node.Root, "manifests");
            Directory.CreateDirectory(ManifestDir);
            ConfigPath = Path.Combine(Node.Root, "multinet.conf");
            File.WriteAllText(ConfigPath, Config().ToJsonString());
        }
        catch
        {
            Node.Dispose();
            throw;
        }
    }

    public TestNetwork Node { get; }
    public string MacvlanMaster { get; }
    public string ClusterBridge { get; }
    public string ManifestDir { get; }
    public string ConfigPath { get; }

    /// <summary>The id multinetctl uses when --container-id is not given.</summary>
    public string DefaultContainerId => $"multinetctl-{Node.NetnsName}";

    /// <summary>Writes a file into the manifest directory and returns its path.</summary>
    public string WriteManifest(string fileName, string text)
    {
        var path = Path.Combine(ManifestDir, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A single macvlan plugin on this test's master, host-local in this test's lease directory.</summary>
    public JsonObject Macvlan(string subnet) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["type"] = "macvlan",
        ["master"] = MacvlanMaster,
        ["mode"] = "bridge",
        ["ipam"] = Node.HostLocal(subnet),
    };

    /// <summary>A conflist: a bridge (removed with the test) with host-local, then tuning setting the MTU.</summary>
    public JsonObject BridgeWithTuning(string name, string bridgeTag, string subnet, int mtu) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = name,
        ["plugins"] = new JsonArray(
            new JsonObject { ["type"] = "bridge", ["bridge"] = Node.BridgeName(bridgeTag), ["ipam"] = Node.HostLocal(subnet) },
            new JsonObject { ["type"] = "tuning", ["mtu"] = mtu }),
    };

    /// <summary>A macvlan that takes its addresses from the pod's <c>ips</c> through the static IPAM plugin.</summary>
    public JsonObject StaticMacvlan(string name) => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = name,
        ["plugins"] = new JsonArray(new JsonObject
        {
            ["type"] = "macvlan",
            ["master"] = MacvlanMaster,
            ["mode"] = "bridge",
            ["capabilities"] = new JsonObject { ["ips"] = true },
            ["ipam"] = new JsonObject { ["type"] = "static" },
        }),
    };

    /// <summary><c>multinetctl attach</c> on this test's netns, config and manifest directory.</summary>
    public CtlOutcome Attach(params string[] more) =>
        Multinetctl.Run(["attach", "--netns", Node.NetnsName, "--config", ConfigPath, "--manifests", ManifestDir, .. more]);

    public CtlOutcome Check(params string[] more) =>
        Multinetctl.Run(["check", "--netns", Node.NetnsName, "--config", ConfigPath, .. more]);

    public CtlOutcome Detach(params string[] more) =>
        Multinetctl.Run(["detach", "--netns", Node.NetnsName, "--config", ConfigPath, .. more]);

    /// <summary>Addresses and MAC of one interface inside the netns, as <c>ip addr show</c> prints them.</summary>
    public string AddrShow(string ifName) => Shell.Check("ip", "-n", Node.NetnsName, "addr", "show", ifName);

    public void Dispose()
    {
        try
        {
            // Whatever the test did, tear the attachment down so its bridges and leases can go (DEL is idempotent).
            Detach();
        }
        finally
        {
            Node.Dispose();
        }
    }

    private JsonObject Config() => new()
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "multinet-cli-test",
        ["type"] = "multinet",
        ["cniDir"] = Node.CniDir,
        ["binDir"] = RepoLayout.ReferencePlugins,
        ["delegates"] = new JsonArray(new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "cluster",
            ["plugins"] = new JsonArray(new JsonObject
            {
                ["type"] = "bridge",
                ["bridge"] = ClusterBridge,
                ["isGateway"] = true,
                ["ipMasq"] = false,
                ["ipam"] = Node.HostLocal(ClusterSubnet, defaultRoute: true),
            }),
        }),
    };
}
