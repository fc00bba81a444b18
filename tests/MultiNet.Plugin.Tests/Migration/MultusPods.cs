using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Migration;

/// <summary>
/// Pods Multus attached before the node switched to MultiNet (suite subnets 198.18.192.0/20, host links "mnu…"): the
/// harness's pod and NADs in the API, and Multus's on-disk state made by running the same delegates into the pod's netns.
/// </summary>
internal static class MultusPods
{
    public const string ClusterSubnet = "198.18.192.0/24";
    public const string StaticAddress = "198.18.196.10/24";

    /// <summary>The published multinet in thick mode with multinetd running, or stopped before the DEL (the shim deletes itself).</summary>
    public static TheoryData<string> Paths => ["thin", "thick", "shim, daemon down"];

    public static Task<ThinModeHarness> StartAsync(string path) =>
        ThinModeHarness.StartAsync(ClusterSubnet, "u", path == "thin" ? PluginMode.Thin : PluginMode.Thick);

    /// <summary>Where Multus kept its caches: its own folder (named by <c>multusCniDir</c>) or the migrated config's <c>cniDir</c>.</summary>
    public static MultusNode Node(ThinModeHarness h, bool sharedCniDir, IReadOnlyList<string>? pluginDirs = null)
    {
        var dir = sharedCniDir ? h.Node.CniDir : Path.Combine(h.Node.Root, "multus");
        if (!sharedCniDir)
        {
            h.ConfigOverrides["multusCniDir"] = dir;
        }

        return new MultusNode(dir, h.ContainerId, h.Node.NetnsPath, h.PodNamespace, h.PodName, h.PodUid!)
        {
            PluginDirs = pluginDirs ?? [RepoLayout.ReferencePlugins],
        };
    }

    /// <summary>The cluster network only.</summary>
    public static async Task<MultusNode> ClusterOnlyAsync(ThinModeHarness h, bool sharedCniDir)
    {
        h.AddPod(null);
        var multus = Node(h, sharedCniDir);
        await multus.AttachAsync(h.ClusterDelegate, "cluster");
        return multus;
    }

    /// <summary>
    /// Every shape at once, JSON annotation: a conflist NAD (net1), a conf NAD on a requested name (data0), a static IP on
    /// a requested name (st0), a NAD from confDir (net4) and the first NAD again (net5).
    /// </summary>
    public static async Task<MultusNode> EveryShapeAsync(ThinModeHarness h, bool sharedCniDir)
    {
        var conflist = h.BridgeConflist("mnu-a", h.Node.BridgeName("ua"), "198.18.193.0/24");
        var conf = Named(h.Macvlan("198.18.194.0/24"), "mnu-b");
        var fixedIp = Named(h.Macvlan("198.18.196.0/24"), "mnu-static");
        fixedIp["ipam"] = new JsonObject { ["type"] = "static" };
        var fromConfDir = h.BridgeConflist("mnu-conf", h.Node.BridgeName("uc"), "198.18.195.0/24");
        await File.WriteAllTextAsync(Path.Combine(h.Node.ConfDir, "mnu-conf.conflist"), fromConfDir.ToJsonString());
        h.AddNad("mnu-a", conflist);
        h.AddNad("mnu-b", conf);
        h.AddNad("mnu-static", fixedIp);
        h.Api.AddNad(h.PodNamespace, "mnu-conf", config: null); // spec.config empty: the conf named "mnu-conf" in confDir
        h.AddPod("""
            [{"name": "mnu-a"}, {"name": "mnu-b", "interface": "data0"}, {"name": "mnu-static", "interface": "st0", "ips": ["198.18.196.10/24"]},
             {"name": "mnu-conf"}, {"name": "mnu-a"}]
            """);

        var multus = Node(h, sharedCniDir);
        await multus.AttachAsync(h.ClusterDelegate, "cluster");
        await multus.AttachAsync(conflist, $"{h.PodNamespace}/mnu-a");
        await multus.AttachAsync(conf, $"{h.PodNamespace}/mnu-b", "data0");
        await multus.AttachAsync(fixedIp, $"{h.PodNamespace}/mnu-static", "st0", [StaticAddress]);
        await multus.AttachAsync(fromConfDir, $"{h.PodNamespace}/mnu-conf");
        await multus.AttachAsync(conflist, $"{h.PodNamespace}/mnu-a");
        return multus;
    }

    /// <summary>The text annotation <c>mnu-a, mnu-b@data0</c> with both NADs in the API: what the API fallback can rebuild.</summary>
    public static async Task<MultusNode> TextFormAsync(ThinModeHarness h, bool sharedCniDir)
    {
        var conflist = h.BridgeConflist("mnu-a", h.Node.BridgeName("ua"), "198.18.193.0/24");
        var conf = Named(h.Macvlan("198.18.194.0/24"), "mnu-b");
        h.AddNad("mnu-a", conflist);
        h.AddNad("mnu-b", conf);
        h.AddPod("mnu-a, mnu-b@data0");
        var multus = Node(h, sharedCniDir);
        await multus.AttachAsync(h.ClusterDelegate, "cluster");
        await multus.AttachAsync(conflist, $"{h.PodNamespace}/mnu-a");
        await multus.AttachAsync(conf, $"{h.PodNamespace}/mnu-b", "data0");
        return multus;
    }

    /// <summary>Asserts that the path's own engine ran the DEL: multinet itself, multinetd, or the shim without the daemon.</summary>
    public static void AssertDeletedBy(ThinModeHarness h, string path)
    {
        var daemonLog = h.Daemon?.Log ?? "";
        var pluginLog = File.Exists(h.Node.PluginLog) ? File.ReadAllText(h.Node.PluginLog) : "";
        var engineLog = path == "thick" ? daemonLog : pluginLog;
        engineLog.Should().Contain("Multus recorded in", $"the {path} path ran the DEL");
        if (path == "shim, daemon down")
        {
            pluginLog.Should().Contain("cannot take DEL");
        }
    }

    /// <summary>Stops multinetd for the "shim, daemon down" path.</summary>
    public static async Task BeforeDelAsync(ThinModeHarness h, string path)
    {
        if (path == "shim, daemon down")
        {
            await h.Daemon!.StopAsync();
        }
    }

    private static JsonObject Named(JsonObject config, string name)
    {
        config["name"] = name;
        return config;
    }
}
