using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.Node;
using static MultiNet.Cli.Tests.Commands.ValidateManifests;

namespace MultiNet.Cli.Tests.Commands;

/// <summary><c>multinetctl explain</c> through the published binary: the engine's plan, shown without running anything.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Explain_ExamplesPod_ShowsOrderInterfacesDelegatesAndRuntimeConfig()
    {
        var pod = Example("pod.yaml");
        var config = Example("multinet.conf");

        var run = Multinetctl.Run("explain", pod, "--networks", Example("networks.yaml"), "--config", config);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Be(string.Join('\n',
            $"pod default/demo (Pod in {pod}:1)",
            $"config {config}",
            "",
            "#  NETWORK              INTERFACE  SOURCE           DELEGATES          DEVICE",
            "1  cluster              eth0       cluster network  bridge -> portmap  -",
            "2  default/macvlan-a    net1       selection #1     macvlan            -",
            "3  default/storage      data0      selection #2     bridge -> tuning   -",
            "4  default/static-data  static0    selection #3     macvlan -> tuning  -",
            "",
            "1 cluster (eth0)",
            "  bridge   runtimeConfig: none",
            "  portmap  runtimeConfig: none (declares portMappings)",
            "  (the runtime's own runtimeConfig, e.g. the pod's hostPorts, goes to this network at run time)",
            "",
            "2 default/macvlan-a (net1)",
            "  macvlan  runtimeConfig: none (declares ips, mac)",
            "",
            "3 default/storage (data0)",
            "  bridge  runtimeConfig: none",
            "  tuning  runtimeConfig: none",
            "",
            "4 default/static-data (static0)",
            "  macvlan  runtimeConfig: {\"ips\":[\"198.18.40.10/24\"]}",
            "  tuning   runtimeConfig: {\"mac\":\"02:00:00:00:40:10\"}",
            "",
            "default route",
            "  IPv4: unchanged: whatever the cluster network's delegates set up on eth0 (no selection asks for \"default-route\")",
            "  IPv6: unchanged: whatever the cluster network's delegates set up on eth0 (no selection asks for \"default-route\")",
            ""));
        run.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void Explain_WorkloadWithDefaultNetworksResourceAndDefaultRoute_FollowsThePlannerOrder()
    {
        var config = _dir.Write("multinet.conf", """
            {"cniVersion": "1.0.0", "name": "mn", "type": "multinet", "defaultNetworks": ["kube-system/monitoring"],
             "delegates": [{"cniVersion": "1.0.0", "name": "cluster", "plugins": [
               {"type": "ptp", "ipam": {"type": "host-local", "subnet": "198.19.9.0/24"}},
               {"type": "portmap", "capabilities": {"portMappings": true}}]}]}
            """);
        var networks = _dir.Write("nets.yaml", string.Join("---\n",
            Nad("monitoring", """{"cniVersion":"1.0.0","name":"monitoring","type":"bridge","bridge":"mon0"}""", ns: "kube-system"),
            Nad("uplink", """{"cniVersion":"1.0.0","name":"uplink","plugins":[{"type":"macvlan","master":"eth1"},{"type":"bandwidth","capabilities":{"bandwidth":true}}]}""", ns: "apps"),
            """
            apiVersion: k8s.cni.cncf.io/v1
            kind: NetworkAttachmentDefinition
            metadata:
              name: sriov-a
              namespace: apps
              annotations: {k8s.v1.cni.cncf.io/resourceName: example.com/sriov_vf}
            spec:
              config: '{"cniVersion":"1.0.0","name":"sriov-a","type":"host-device","capabilities":{"ips":true},"ipam":{"type":"static"}}'

            """));
        var app = _dir.Write("app.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: app, namespace: apps}
            spec:
              template:
                metadata:
                  annotations:
                    k8s.v1.cni.cncf.io/networks: |
                      [{"name": "uplink", "interface": "up0", "default-route": ["198.19.11.1"], "bandwidth": {"ingressRate": 1000, "ingressBurst": 100}},
                       {"name": "sriov-a", "ips": ["198.19.12.5/24"]}]
            """);

        var run = Multinetctl.Run("explain", app, "--networks", networks, "--config", config, "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        var plan = JsonNode.Parse(run.Stdout)!;
        ((string)plan["pod"]!).Should().Be("apps/app");
        var attachments = plan["attachments"]!.AsArray();
        attachments.Select(a => ((string)a!["network"]!, (string)a["interface"]!, (string)a["source"]!)).Should().Equal(
            ("cluster", "eth0", "cluster network"),
            ("kube-system/monitoring", "net1", "config defaultNetworks"),
            ("apps/uplink", "up0", "selection #1"),
            ("apps/sriov-a", "net3", "selection #2"));
        attachments[0]!["delegates"]!.AsArray().Select(d => (string)d!["type"]!).Should().Equal("ptp", "portmap");
        var uplink = attachments[2]!["delegates"]!.AsArray();
        uplink[0]!["runtimeConfig"].Should().BeNull("macvlan declares no capability");
        uplink[1]!["runtimeConfig"]!.ToJsonString().Should().Be("""{"bandwidth":{"ingressRate":1000,"ingressBurst":100}}""");
        ((string)attachments[3]!["deviceResource"]!).Should().Be("example.com/sriov_vf");
        ((string)attachments[3]!["deviceId"]!).Should().Be("from kubelet at runtime");
        var routes = plan["defaultRoute"]!.AsArray();
        ((string)routes[0]!["decision"]!, (string)routes[0]!["gateway"]!, (string)routes[0]!["interface"]!).Should().Be(("moved", "198.19.11.1", "up0"));
        ((string)routes[1]!["decision"]!).Should().Be("unchanged");
    }

    [Fact]
    public void Explain_WithoutConfig_ShowsAPlaceholderClusterNetworkAndSaysSo()
    {
        var run = Multinetctl.Run("explain", Example("pod.yaml"), "--networks", Example("networks.yaml"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("config none given").And.Contain("pass --config");
        Row(run.Stdout, "1").Should().Equal("1", "cluster-network-from-config", "eth0", "cluster", "network", "cluster-network-from-config", "-");
        Row(run.Stdout, "2").Should().Equal("2", "default/macvlan-a", "net1", "selection", "#1", "macvlan", "-");
    }

    [Fact]
    public void Explain_NetworkMissing_Exits1WithThePluginsError()
    {
        var run = Multinetctl.Run("explain", Example("pod.yaml"), "--config", Example("multinet.conf"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("the plugin would refuse pod \"default/demo\": error 100: network \"default/macvlan-a\": not found");
    }

    [Fact]
    public void Explain_CapabilityNotDeclared_Exits1NamingTheFix()
    {
        var file = _dir.Write("p.yaml", Nad("plain", Macvlan("plain")) + "---\n" + Pod("p", """[{"name": "plain", "mac": "02:00:00:00:00:01"}]"""));

        var run = Multinetctl.Run("explain", file);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain("error 107").And.Contain("\"mac\"").And.Contain("add \"capabilities\"");
    }

    [Fact]
    public void Explain_SeveralPods_AsksForPodAndThenExplainsTheOneChosen()
    {
        var file = _dir.Write("two.yaml", Nad("plain", Macvlan("plain")) + "---\n" + Pod("one", "plain") + "---\n" + Deployment("two", "plain@data9"));

        var ambiguous = Multinetctl.Run("explain", file);
        var chosen = Multinetctl.Run("explain", file, "--pod", "default/two");
        var absent = Multinetctl.Run("explain", file, "--pod", "three");

        ambiguous.ExitCode.Should().Be(2, ambiguous.ToString());
        ambiguous.Stderr.Should().Contain("holds 2 pods; choose one with --pod").And.Contain("Deployment default/two");
        chosen.ExitCode.Should().Be(0, chosen.ToString());
        chosen.Stdout.Should().StartWith($"pod default/two (Deployment in {file}:3)");
        Row(chosen.Stdout, "2").Take(3).Should().Equal("2", "default/plain", "data9");
        absent.ExitCode.Should().Be(2, absent.ToString());
        absent.Stderr.Should().Contain("--pod \"three\": no such pod");
    }

    [Fact]
    public void Explain_BrokenManifest_Exits2WithTheValidateLine()
    {
        var file = _dir.Write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   namespace: y\n");

        var run = Multinetctl.Run("explain", file);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().StartWith($"{file}:1: line 5, column ");
    }

    [Fact]
    public void Explain_ConfigThePluginWouldRefuse_Exits2NamingTheFileAndField()
    {
        var config = _dir.Write("bad.conf", """{"cniVersion": "1.0.0", "name": "mn", "type": "multinet"}""");

        var run = Multinetctl.Run("explain", Example("pod.yaml"), "--networks", Example("networks.yaml"), "--config", config);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain($"--config \"{config}\": network config: one of \"clusterNetwork\" or \"delegates\" is required");
    }

    // The table row for an attachment position, split on its padding.
    private static string[] Row(string stdout, string position) => stdout.Split('\n')
        .First(line => line.StartsWith(position + "  ", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Example(string file) => Path.Combine(RepoLayout.Examples, file);
}
