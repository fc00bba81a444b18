using FluentAssertions;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Definitions;
using static MultiNet.NetworkPlumbing.Tests.Admission.NadFactory;

namespace MultiNet.NetworkPlumbing.Tests.Admission;

public class PodNetworkRulesTests
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";
    private const string Path = "metadata.annotations[\"k8s.v1.cni.cncf.io/networks\"]";

    private static readonly Dictionary<(string, string), NetworkAttachmentDefinition> Nads = new()
    {
        [("app", "plain")] = Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", "plain", "app"),
        [("app", "caps")] = Nad(
            """{"cniVersion":"1.0.0","name":"caps","plugins":[{"type":"macvlan","capabilities":{"ips":true,"mac":true,"infinibandGUID":true},"ipam":{"type":"static"}},{"type":"portmap","capabilities":{"portMappings":true}},{"type":"bandwidth","capabilities":{"bandwidth":true}}]}""",
            "caps", "app"),
        [("app", "on-node")] = Nad("", "on-node", "app"),
        [("app", "broken")] = Nad("""{"cniVersion":"1.0.0","name":"broken"}""", "broken", "app"),
        [("default", "shared")] = Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", "shared"),
        [("other", "net-x")] = Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", "net-x", "other"),
        [("kube-system", "cluster-b")] = Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", "cluster-b", "kube-system"),
    };

    private static readonly PodRuleOptions Isolated = new() { NamespaceIsolation = true };

    [Theory]
    [InlineData("plain")]
    [InlineData("plain, caps@data0, app/plain@data1")]
    [InlineData("""[{"name":"caps","ips":["10.1.0.5/24"],"mac":"c2:11:22:33:44:55","interface":"data0","default-route":["10.1.0.1"]}]""")]
    [InlineData("""[{"name":"caps","portMappings":[{"hostPort":8080,"containerPort":80}],"bandwidth":{"egressRate":1000000}}]""")]
    [InlineData("""[{"name":"caps","infiniband-guid":"c2:11:22:33:44:55:66:77"},{"name":"plain","default-route":["fd00::1"]}]""")]
    [InlineData("""[{"name":"on-node","ips":["10.1.0.5/24"]}]""")]
    [InlineData("plain,plain,plain")]
    [InlineData("default/shared")]
    [InlineData("")]
    public void Validate_GoodRequest_NoFindings(string annotation)
    {
        Validate(annotation, Isolated).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NoAnnotations_NoFindings()
    {
        PodNetworkRules.Validate("app", new Dictionary<string, string>(), Lookup, new PodRuleOptions()).Should().BeEmpty();
    }

    public static TheoryData<string, string, string> Bad => new()
    {
        { "[", RuleReasons.InvalidSelectionSyntax, Path },
        { "{\"name\":\"plain\"}", RuleReasons.InvalidSelectionSyntax, Path },
        { "[\"plain\"]", RuleReasons.InvalidSelectionSyntax, Path + "[0]" },
        { "a/b/c", RuleReasons.InvalidSelectionSyntax, Path + "[0]" },
        { "plain@a@b", RuleReasons.InvalidSelectionSyntax, Path + "[0]" },
        { "plain,,caps", RuleReasons.InvalidNetworkName, Path + "[1].name" },
        { "Plain", RuleReasons.InvalidNetworkName, Path + "[0].name" },
        { "[{\"interface\":\"data0\"}]", RuleReasons.InvalidNetworkName, Path + "[0].name" },
        { "Bad_Ns/plain", RuleReasons.InvalidNamespace, Path + "[0].namespace" },
        { "plain@eth/0", RuleReasons.InvalidInterfaceName, Path + "[0].interface" },
        { "[{\"name\":\"plain\",\"interface\":\"a-very-long-name-x\"}]", RuleReasons.InvalidInterfaceName, Path + "[0].interface" },
        { "[{\"name\":\"plain\",\"interfaceRequest\":\"a b\"}]", RuleReasons.InvalidInterfaceName, Path + "[0].interfaceRequest" },
        { "[{\"name\":\"caps\",\"ips\":[\"10.1.0.300\"]}]", RuleReasons.InvalidIps, Path + "[0].ips[0]" },
        { "[{\"name\":\"caps\",\"mac\":\"zz:11:22:33:44:55\"}]", RuleReasons.InvalidMac, Path + "[0].mac" },
        { "[{\"name\":\"caps\",\"infiniband-guid\":\"c2:11\"}]", RuleReasons.InvalidInfinibandGuid, Path + "[0].infiniband-guid" },
        { "[{\"name\":\"plain\",\"default-route\":[\"10.1.0.1/24\"]}]", RuleReasons.InvalidDefaultRoute, Path + "[0].default-route[0]" },
        { "[{\"name\":\"caps\",\"portMappings\":[{\"hostPort\":0,\"containerPort\":80}]}]", RuleReasons.InvalidPortMappings, Path + "[0].portMappings[0].hostPort" },
        { "[{\"name\":\"caps\",\"portMappings\":[{\"hostPort\":80,\"containerPort\":80,\"protocol\":\"icmp\"}]}]", RuleReasons.InvalidPortMappings, Path + "[0].portMappings[0].protocol" },
        { "[{\"name\":\"caps\",\"bandwidth\":{\"ingressBurst\":10}}]", RuleReasons.InvalidBandwidth, Path + "[0].bandwidth.ingressBurst" },
        { "[{\"name\":\"caps\",\"bandwidth\":{\"rate\":10}}]", RuleReasons.InvalidBandwidth, Path + "[0].bandwidth.rate" },
        { "[{\"name\":\"plain\",\"cni-args\":[1]}]", RuleReasons.InvalidCniArgs, Path + "[0].cni-args" },
        { "[{\"name\":\"plain\",\"ipam-claim-reference\":\"Claim_1\"}]", RuleReasons.InvalidIpamClaimReference, Path + "[0].ipam-claim-reference" },
        { "[{\"name\":\"plain\",\"deviceID\":5}]", RuleReasons.InvalidDeviceId, Path + "[0].deviceID" },
        { "[{\"name\":\"plain\",\"interfce\":\"data0\"}]", RuleReasons.UnknownSelectionKey, Path + "[0].interfce" },
        { "plain@data0,caps@data0", RuleReasons.DuplicateInterface, Path + "[1].interface" },
        { "[{\"name\":\"plain\",\"default-route\":[\"10.1.0.1\"]},{\"name\":\"caps\",\"default-route\":[\"10.2.0.1\"]}]", RuleReasons.MultipleDefaultRoutes, Path + "[1].default-route[0]" },
        { "[{\"name\":\"plain\",\"default-route\":[\"fd00::1\",\"fd00::2\"]}]", RuleReasons.MultipleDefaultRoutes, Path + "[0].default-route[1]" },
        { "plain@eth0", RuleReasons.InterfaceReserved, Path + "[0].interface" },
        { "missing", RuleReasons.NetworkNotFound, Path + "[0].name" },
        { "other/net-x", RuleReasons.NamespaceIsolation, Path + "[0].namespace" },
        { "broken", RuleReasons.InvalidNetwork, Path + "[0].name" },
        { "[{\"name\":\"plain\",\"ips\":[\"10.1.0.5/24\"]}]", RuleReasons.CapabilityNotDeclared, Path + "[0].ips" },
        { "[{\"name\":\"plain\",\"mac\":\"c2:11:22:33:44:55\"}]", RuleReasons.CapabilityNotDeclared, Path + "[0].mac" },
        { "[{\"name\":\"plain\",\"portMappings\":[{\"hostPort\":80,\"containerPort\":80}]}]", RuleReasons.CapabilityNotDeclared, Path + "[0].portMappings" },
        { "[{\"name\":\"plain\",\"bandwidth\":{\"egressRate\":1}}]", RuleReasons.CapabilityNotDeclared, Path + "[0].bandwidth" },
        { "[{\"name\":\"plain\",\"infiniband-guid\":\"c2:11:22:33:44:55:66:77\"}]", RuleReasons.CapabilityNotDeclared, Path + "[0].infiniband-guid" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_BadRequest_ReasonAndField(string annotation, string reason, string field)
    {
        var findings = Validate(annotation, Isolated);
        var f = findings.Where(x => x.IsError).Should().ContainSingle(string.Join(" | ", findings)).Which;
        f.Reason.Should().Be(reason, f.ToString());
        f.Field.Should().Be(field, f.ToString());
        f.Message.Should().NotContain("annotation \"k8s.v1.cni.cncf.io/networks\"");
    }

    [Fact]
    public void Validate_SeveralProblems_AllReported()
    {
        Validate("missing@data0, plain@data0, other/net-x, plain@eth0", Isolated).Select(f => f.Reason).Should().Equal(
            RuleReasons.DuplicateInterface, RuleReasons.NetworkNotFound, RuleReasons.NamespaceIsolation, RuleReasons.InterfaceReserved);
    }

    [Fact]
    public void Validate_IsolationOnGlobalNamespace_Allowed()
    {
        Validate("default/shared", Isolated).Should().BeEmpty();
    }

    [Fact]
    public void Validate_IsolationOffOtherNamespace_WarningOnly()
    {
        var f = Validate("other/net-x", new PodRuleOptions()).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Warning, Reason = RuleReasons.CrossNamespaceNetwork, Field = Path + "[0].namespace" });
    }

    [Fact]
    public void Validate_IsolationWithCustomGlobals_DefaultNoLongerGlobal()
    {
        Validate("default/shared", Isolated with { GlobalNamespaces = ["other"] }).Single().Reason.Should().Be(RuleReasons.NamespaceIsolation);
        Validate("other/net-x", Isolated with { GlobalNamespaces = ["other"] }).Should().BeEmpty();
    }

    [Fact]
    public void Validate_IsolationMessage_NamesAllowedNamespacesAndFix()
    {
        Validate("other/net-x", Isolated).Single().Message.Should().Contain("[default]").And.Contain("\"app\"").And.Contain("create the network");
    }

    [Fact]
    public void Validate_MissingNadExistingInGlobalNamespace_SuggestsIt()
    {
        Validate("shared", Isolated).Single().Message.Should().Contain("did you mean \"default/shared\"?");
    }

    [Fact]
    public void Validate_InvalidNad_MessageNamesItsField()
    {
        Validate("broken", Isolated).Single().Message.Should().Contain("spec.config.type");
    }

    [Fact]
    public void Validate_CapabilityOnNodeConfigNetwork_NotJudged()
    {
        Validate("""[{"name":"on-node","mac":"c2:11:22:33:44:55"}]""", Isolated).Should().BeEmpty();
    }

    [Fact]
    public void Validate_CustomClusterInterface_ReservesThatName()
    {
        Validate("plain@eth0", Isolated with { ClusterInterfaceName = "net0" }).Should().BeEmpty();
        Validate("plain@net0", Isolated with { ClusterInterfaceName = "net0" }).Single().Reason.Should().Be(RuleReasons.InterfaceReserved);
    }

    [Theory]
    [InlineData("c3:11:22:33:44:55", "c2:11:22:33:44:55")]
    [InlineData("ff:ff:ff:ff:ff:ff", "fe:ff:ff:ff:ff:ff")]
    [InlineData("01:00:5e:00:00:01", "00:00:5e:00:00:01")]
    public void Validate_MulticastMac_WarningWithUnicastSuggestion(string mac, string suggestion)
    {
        var f = Validate($$"""[{"name":"caps","mac":"{{mac}}"}]""", Isolated).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Warning, Reason = RuleReasons.MulticastMac });
        f.Message.Should().Contain(suggestion);
    }

    [Fact]
    public void Validate_IpWithoutPrefixOnStaticIpam_Warning()
    {
        var f = Validate("""[{"name":"caps","ips":["10.1.0.5"]}]""", Isolated).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Warning, Reason = RuleReasons.IpWithoutPrefix, Field = Path + "[0].ips" });
    }

    [Fact]
    public void Validate_IpsWithIpamClaim_Warning()
    {
        Validate("""[{"name":"caps","ips":["10.1.0.5/24"],"ipam-claim-reference":"claim-1"}]""", Isolated)
            .Should().ContainSingle().Which.Reason.Should().Be(RuleReasons.IpsWithIpamClaim);
    }

    [Theory]
    [InlineData("v1.multus-cni.io/default-network")]
    [InlineData("multinet.io/default-network")]
    public void Validate_DefaultNetworkInMultusNamespace_Accepted(string key)
    {
        PodNetworkRules.Validate("app", new Dictionary<string, string> { [key] = "cluster-b" }, Lookup, Isolated).Should().BeEmpty();
    }

    [Theory]
    [InlineData("a,b", RuleReasons.InvalidDefaultNetwork)]
    [InlineData("Bad!", RuleReasons.InvalidDefaultNetwork)]
    [InlineData("missing", RuleReasons.NetworkNotFound)]
    [InlineData("app/broken", RuleReasons.InvalidNetwork)]
    public void Validate_BadDefaultNetwork_Denied(string value, string reason)
    {
        var f = PodNetworkRules.Validate("app", new Dictionary<string, string> { ["v1.multus-cni.io/default-network"] = value }, Lookup, Isolated)
            .Should().ContainSingle().Which;
        f.Reason.Should().Be(reason);
        f.Field.Should().Be("metadata.annotations[\"v1.multus-cni.io/default-network\"]");
    }

    [Fact]
    public void ValidateHostNetwork_HostNetworkPodWithNetworks_Warning()
    {
        var annotations = new Dictionary<string, string> { [Networks] = "plain" };
        PodNetworkRules.ValidateHostNetwork(annotations, hostNetwork: true).Should().ContainSingle()
            .Which.Reason.Should().Be(RuleReasons.HostNetworkIgnoresNetworks);
        PodNetworkRules.ValidateHostNetwork(annotations, hostNetwork: false).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NadReplacedByInvalidVersion_NewVerdict()
    {
        // Verdicts are memoised per NAD object; an updated NAD is a new object and must be judged again.
        var good = Nad("""{"cniVersion":"1.0.0","type":"bridge"}""", "changing", "app");
        var bad = good with { Config = """{"cniVersion":"9.0.0","type":"bridge"}""" };
        var annotations = new Dictionary<string, string> { [Networks] = "changing" };

        PodNetworkRules.Validate("app", annotations, (_, _) => good, Isolated).Should().BeEmpty();
        PodNetworkRules.Validate("app", annotations, (_, _) => bad, Isolated).Single().Reason.Should().Be(RuleReasons.InvalidNetwork);
        PodNetworkRules.Validate("app", annotations, (_, _) => good, Isolated).Should().BeEmpty();
    }

    private static IReadOnlyList<RuleFinding> Validate(string annotation, PodRuleOptions options) =>
        PodNetworkRules.Validate("app", new Dictionary<string, string> { [Networks] = annotation }, Lookup, options);

    private static NetworkAttachmentDefinition? Lookup(string ns, string name) => Nads.GetValueOrDefault((ns, name));
}
