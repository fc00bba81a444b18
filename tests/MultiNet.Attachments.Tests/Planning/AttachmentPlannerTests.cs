using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Tests.Planning;

public sealed class AttachmentPlannerTests
{
    private const string Macvlan = """{"cniVersion":"1.0.0","type":"macvlan","master":"br0","ipam":{"type":"host-local","subnet":"198.18.2.0/24"}}""";
    private const string StaticIps = """{"cniVersion":"1.0.0","name":"st","plugins":[{"type":"macvlan","master":"br0","ipam":{"type":"static"},"capabilities":{"ips":true}},{"type":"tuning","capabilities":{"mac":true}}]}""";
    private readonly InMemoryNetworks _networks = new();

    private static MultiNetConfig Config(string extra = "") => MultiNetConfigParser.Parse(JsonNode.Parse($$$"""
        {"cniVersion":"1.0.0","name":"multinet","type":"multinet",
         "delegates":[{"cniVersion":"1.0.0","name":"cluster","type":"bridge","ipam":{"type":"host-local","subnet":"198.18.1.0/24"}}]
         {{{extra}}} }
        """)!.AsObject());

    private static CniEnvironment Env() => CniEnvironment.Parse(k => k switch
    {
        "CNI_COMMAND" => "ADD",
        "CNI_CONTAINERID" => "abc123",
        "CNI_NETNS" => "/var/run/netns/x",
        "CNI_IFNAME" => "eth0",
        "CNI_PATH" => "/usr/lib/cni",
        _ => null,
    });

    private static PodContext Pod(string ns, string? networks, Dictionary<string, string>? more = null)
    {
        var annotations = new Dictionary<string, string>(more ?? []);
        if (networks is not null)
        {
            annotations["k8s.v1.cni.cncf.io/networks"] = networks;
        }

        return new PodContext
        {
            Namespace = ns,
            Name = "p",
            Pod = new PodInfo { Namespace = ns, Name = "p", Uid = "u1", Annotations = annotations },
        };
    }

    private Task<AttachmentPlan> PlanAsync(MultiNetConfig config, PodContext pod) =>
        new AttachmentPlanner(config, new ClusterAccess { Networks = _networks, Devices = _networks, Events = _networks },
            new NetworkResolver(config, _networks)).PlanAsync(Env(), pod, CancellationToken.None);

    [Fact]
    public async Task PlanAsync_ClusterThenSelections_NamesInterfacesInOrder()
    {
        _networks.Add("ns1", "a", Macvlan).Add("ns1", "b", Macvlan).Add("other", "c", Macvlan);

        var plan = await PlanAsync(Config(), Pod("ns1", "a, b@data0, other/c"));

        plan.Attachments.Select(a => (a.NetworkName, a.IfName)).Should().Equal(
            ("cluster", "eth0"), ("ns1/a", "net1"), ("ns1/b", "data0"), ("other/c", "net3"));
        plan.Attachments[0].IsClusterNetwork.Should().BeTrue();
        plan.Attachments[1].Config.Name.Should().Be("a", "a NAD config without a name gets the NAD's name");
    }

    [Fact]
    public async Task PlanAsync_GeneratedNameRequestedElsewhere_SkipsIt()
    {
        _networks.Add("ns1", "a", Macvlan).Add("ns1", "b", Macvlan);

        var plan = await PlanAsync(Config(), Pod("ns1", "a, b@net1"));

        plan.Attachments.Select(a => a.IfName).Should().Equal("eth0", "net2", "net1");
    }

    [Fact]
    public async Task PlanAsync_DuplicateInterface_FailsWithCode105()
    {
        _networks.Add("ns1", "a", Macvlan);

        var act = () => PlanAsync(Config(), Pod("ns1", "a@eth0"));

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.InterfaceConflict);
    }

    [Fact]
    public async Task PlanAsync_DefaultNetworks_SkippedInSystemNamespaces()
    {
        _networks.Add("kube-system", "always", Macvlan);
        var config = Config(""","defaultNetworks":["always"]""");

        (await PlanAsync(config, Pod("ns1", null))).Attachments.Select(a => a.NetworkName).Should().Equal("cluster", "kube-system/always");
        (await PlanAsync(config, Pod("kube-system", null))).Attachments.Select(a => a.NetworkName).Should().Equal("cluster");
    }

    [Fact]
    public async Task PlanAsync_DefaultNetworkAnnotation_ReplacesTheClusterNetwork()
    {
        _networks.Add("kube-system", "alt", Macvlan);

        var plan = await PlanAsync(Config(), Pod("ns1", null, new() { ["v1.multus-cni.io/default-network"] = "alt" }));

        plan.Attachments.Should().ContainSingle().Which.Should().Match<PlannedAttachment>(a =>
            a.NetworkName == "kube-system/alt" && a.IfName == "eth0" && a.IsClusterNetwork);
    }

    [Fact]
    public async Task PlanAsync_StaticIpsAndMac_OfferedAsCapabilityArgs()
    {
        _networks.Add("ns1", "st", StaticIps);

        var plan = await PlanAsync(Config(), Pod("ns1", """[{"name":"st","ips":["198.18.4.10/24"],"mac":"02:00:00:00:04:10","cni-args":{"foo":"bar"}}]"""));

        var attachment = plan.Attachments[1];
        attachment.CapabilityArgs["ips"]!.AsArray().Select(n => (string)n!).Should().Equal("198.18.4.10/24");
        ((string)attachment.CapabilityArgs["mac"]!).Should().Be("02:00:00:00:04:10");
        attachment.Config.Plugins.Should().OnlyContain(p => (string)p["args"]!["cni"]!["foo"]! == "bar");
    }

    [Fact]
    public async Task PlanAsync_RuntimeConfig_GoesToTheClusterNetworkOnly()
    {
        _networks.Add("ns1", "a", Macvlan);

        var plan = await PlanAsync(Config(""","runtimeConfig":{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]}"""), Pod("ns1", "a"));

        plan.Attachments[0].CapabilityArgs.ContainsKey("portMappings").Should().BeTrue();
        plan.Attachments[1].CapabilityArgs.Should().BeEmpty();
    }

    [Theory]
    [InlineData("""[{"name":"a","mac":"02:00:00:00:00:01"}]""", "mac")]
    [InlineData("""[{"name":"a","ips":["198.18.2.9/24"]}]""", "ips")]
    [InlineData("""[{"name":"a","portMappings":[{"hostPort":1,"containerPort":2}]}]""", "portMappings")]
    [InlineData("""[{"name":"a","bandwidth":{"ingressRate":1000,"ingressBurst":100}}]""", "bandwidth")]
    public async Task PlanAsync_CapabilityNotDeclared_FailsNamingNetworkAndCapability(string annotation, string capability)
    {
        _networks.Add("ns1", "a", Macvlan);

        var act = () => PlanAsync(Config(), Pod("ns1", annotation));

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.CapabilityNotDeclared);
        error.Message.Should().Contain("ns1/a").And.Contain($"\"{capability}\"");
    }

    [Fact]
    public async Task PlanAsync_MissingNad_FailsWith100AndRecordsNoNetworkFound()
    {
        var act = () => PlanAsync(Config(), Pod("ns1", "ghost"));

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.NetworkNotFound);
        _networks.Events.Should().ContainSingle(e => e.Reason == "NoNetworkFound" && e.Type == "Warning");
    }

    [Theory]
    [InlineData("other/a", false)]
    [InlineData("default/a", true)]
    [InlineData("ns1/a", true)]
    public async Task PlanAsync_NamespaceIsolation_AllowsOwnAndGlobalNamespacesOnly(string selection, bool allowed)
    {
        _networks.Add("other", "a", Macvlan).Add("default", "a", Macvlan).Add("ns1", "a", Macvlan);

        var act = () => PlanAsync(Config(""","namespaceIsolation":true"""), Pod("ns1", selection));

        if (allowed)
        {
            await act.Should().NotThrowAsync();
        }
        else
        {
            (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.NamespaceIsolation);
        }
    }

    [Fact]
    public async Task PlanAsync_ResourceName_ConsumesDevicesInOrder()
    {
        _networks.Add("ns1", "sriov", Macvlan, resourceName: "example.com/vf");
        _networks.Devices["example.com/vf"] = ["0000:03:00.1", "0000:03:00.2"];

        var plan = await PlanAsync(Config(), Pod("ns1", "sriov, sriov"));

        plan.Attachments[1].Config.Plugins[0]["deviceID"]!.GetValue<string>().Should().Be("0000:03:00.1");
        plan.Attachments[2].Config.Plugins[0]["deviceID"]!.GetValue<string>().Should().Be("0000:03:00.2");
        ((string)plan.Attachments[2].CapabilityArgs["deviceID"]!).Should().Be("0000:03:00.2");
        ((string)plan.Attachments[2].CapabilityArgs["CNIDeviceInfoFile"]!).Should().EndWith("ns1-sriov-abc123_net2");
    }

    [Fact]
    public async Task PlanAsync_MoreNetworksThanDevices_FailsWith109()
    {
        _networks.Add("ns1", "sriov", Macvlan, resourceName: "example.com/vf");
        _networks.Devices["example.com/vf"] = ["0000:03:00.1"];

        var act = () => PlanAsync(Config(), Pod("ns1", "sriov, sriov"));

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.DeviceAllocation);
    }
}
