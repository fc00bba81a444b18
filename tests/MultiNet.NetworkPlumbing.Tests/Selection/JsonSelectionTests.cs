using FluentAssertions;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class JsonSelectionTests
{
    private const string EveryField = """
        [
          {
            "name": "macvlan-a",
            "namespace": "net-ns",
            "interface": "data0",
            "ips": ["10.1.1.11/24", "2001:db8::5", "192.168.0.1"],
            "mac": "c2:11:22:33:44:55",
            "default-route": ["10.1.1.1", "2001:db8::1"],
            "portMappings": [
              {"hostPort": 8080, "containerPort": 80},
              {"hostPort": 5353, "containerPort": 53, "protocol": "UDP", "hostIP": "192.0.2.1"}
            ],
            "bandwidth": {"ingressRate": 1000000, "ingressBurst": 200000, "egressRate": 0},
            "cni-args": {"labels": [{"key": "a", "value": "b"}], "flag": true},
            "infiniband-guid": "c2:11:22:33:44:55:66:77",
            "ipam-claim-reference": "vm-a.macvlan-a.data0",
            "deviceID": "0000:04:00.5",
            "org.example.extra": {"anything": [1, 2]}
          }
        ]
        """;

    [Fact]
    public void Parse_EveryField_ReadsEachOne()
    {
        var e = NetworkSelectionParser.Parse(EveryField, "pod-ns").Should().ContainSingle().Which;

        e.Name.Should().Be("macvlan-a");
        e.Namespace.Should().Be("net-ns");
        e.InterfaceRequest.Should().Be("data0");
        e.Ips.Should().Equal("10.1.1.11/24", "2001:db8::5", "192.168.0.1");
        e.Mac.Should().Be("c2:11:22:33:44:55");
        e.DefaultRoute.Should().Equal("10.1.1.1", "2001:db8::1");
        e.PortMappings.Should().Equal(
            new PortMapping { HostPort = 8080, ContainerPort = 80, Protocol = "tcp" },
            new PortMapping { HostPort = 5353, ContainerPort = 53, Protocol = "udp", HostIp = "192.0.2.1" });
        e.Bandwidth.Should().Be(new BandwidthRequest { IngressRate = 1000000, IngressBurst = 200000, EgressRate = 0 });
        e.CniArgs!.ToJsonString().Should().Be("""{"labels":[{"key":"a","value":"b"}],"flag":true}""");
        e.InfinibandGuid.Should().Be("c2:11:22:33:44:55:66:77");
        e.IpamClaimReference.Should().Be("vm-a.macvlan-a.data0");
        e.DeviceId.Should().Be("0000:04:00.5");
        e.Index.Should().Be(0);
    }

    [Fact]
    public void Parse_MinimalElements_DefaultsAndIndexes()
    {
        var list = NetworkSelectionParser.Parse("""[{"name":"a"},{"name":"b","namespace":""},{"name":"c","namespace":"x"}]""", "pod-ns");

        list.Select(e => (e.Namespace, e.Name, e.Index)).Should().Equal(("pod-ns", "a", 0), ("pod-ns", "b", 1), ("x", "c", 2));
        list[0].Should().BeEquivalentTo(new NetworkSelectionElement { Name = "a", Namespace = "pod-ns" });
    }

    [Fact]
    public void Parse_EmptyArray_EmptyList()
    {
        NetworkSelectionParser.Parse("[]", "pod-ns").Should().BeEmpty();
    }

    [Fact]
    public void Parse_NullOptionalFields_TreatedAsAbsent()
    {
        var e = NetworkSelectionParser.Parse(
            """[{"name":"a","namespace":null,"interface":null,"ips":null,"mac":null,"portMappings":null,"bandwidth":null,"cni-args":null,"default-route":null}]""",
            "pod-ns").Single();

        e.Should().BeEquivalentTo(new NetworkSelectionElement { Name = "a", Namespace = "pod-ns" });
    }

    [Fact]
    public void Parse_EmptyStringsAndLists_TreatedAsAbsent()
    {
        var e = NetworkSelectionParser.Parse("""[{"name":"a","interface":"","mac":"","ips":[],"portMappings":[],"deviceID":""}]""", "pod-ns").Single();

        e.InterfaceRequest.Should().BeNull();
        e.Mac.Should().BeNull();
        e.Ips.Should().BeNull();
        e.PortMappings.Should().BeNull();
        e.DeviceId.Should().BeNull();
    }

    [Fact]
    public void Parse_EmptyDefaultRoute_KeptAsEmptyList()
    {
        var e = NetworkSelectionParser.Parse("""[{"name":"a","default-route":[]}]""", "pod-ns").Single();

        e.DefaultRoute.Should().NotBeNull().And.BeEmpty();
    }

    [Theory]
    [InlineData("""{"interfaceRequest":"old0"}""", "old0")]
    [InlineData("""{"interface":"new0","interfaceRequest":"old0"}""", "new0")]
    [InlineData("""{"interface":"","interfaceRequest":"old0"}""", "old0")]
    public void Parse_DeprecatedInterfaceRequest_UsedOnlyWithoutInterface(string extra, string expected)
    {
        string json = "[" + extra.Replace("{", "{\"name\":\"a\",", StringComparison.Ordinal) + "]";

        NetworkSelectionParser.Parse(json, "pod-ns").Single().InterfaceRequest.Should().Be(expected);
    }

    [Theory]
    [InlineData("tcp", "tcp")]
    [InlineData("TCP", "tcp")]
    [InlineData("Udp", "udp")]
    [InlineData("SCTP", "sctp")]
    public void Parse_Protocol_CaseInsensitiveLowercased(string given, string expected)
    {
        string json = $$"""[{"name":"a","portMappings":[{"hostPort":1,"containerPort":65535,"protocol":"{{given}}"}]}]""";

        NetworkSelectionParser.Parse(json, "pod-ns").Single().PortMappings![0].Protocol.Should().Be(expected);
    }

    [Theory]
    [InlineData("c2:11:22:33:44:55")]
    [InlineData("C2-11-22-33-44-55")]
    [InlineData("00:00:00:00:00:00")]
    public void Parse_MacForms_Accepted(string mac)
    {
        NetworkSelectionParser.Parse($$"""[{"name":"a","mac":"{{mac}}"}]""", "pod-ns").Single().Mac.Should().Be(mac);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1/0")]
    [InlineData("10.0.0.1/32")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255/8")]
    [InlineData("::")]
    [InlineData("::1/128")]
    [InlineData("fe80::1/64")]
    [InlineData("2001:DB8::A")]
    [InlineData("::ffff:10.0.0.1")]
    public void Parse_IpForms_Accepted(string ip)
    {
        NetworkSelectionParser.Parse($$"""[{"name":"a","ips":["{{ip}}"]}]""", "pod-ns").Single().Ips.Should().Equal(ip);
    }

    [Fact]
    public void Parse_BandwidthEgressOnly_Accepted()
    {
        var bw = NetworkSelectionParser.Parse("""[{"name":"a","bandwidth":{"egressRate":5,"egressBurst":6}}]""", "pod-ns").Single().Bandwidth;

        bw.Should().Be(new BandwidthRequest { EgressRate = 5, EgressBurst = 6 });
    }

    [Fact]
    public void Parse_IpsWithIpamClaimReference_BothKept()
    {
        // The spec (v1.3) forbids combining them; the client library allows it since 2025 and so do we.
        var e = NetworkSelectionParser.Parse("""[{"name":"a","ips":["10.0.0.5/24"],"ipam-claim-reference":"claim-1"}]""", "pod-ns").Single();

        e.Ips.Should().Equal("10.0.0.5/24");
        e.IpamClaimReference.Should().Be("claim-1");
    }

    [Fact]
    public void Parse_ReverseDnsKeys_Ignored()
    {
        var e = NetworkSelectionParser.Parse("""[{"name":"a","org.example.key":1,"io.multinet.x":"y"}]""", "pod-ns").Single();

        e.Should().BeEquivalentTo(new NetworkSelectionElement { Name = "a", Namespace = "pod-ns" });
    }

    [Fact]
    public void Parse_CniArgs_OutlivesTheParse()
    {
        var args = NetworkSelectionParser.Parse("""[{"name":"a","cni-args":{"k":{"n":[1]}}}]""", "pod-ns").Single().CniArgs!;

        args["k"]!["n"]![0]!.GetValue<int>().Should().Be(1);
        args.Parent.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"name":"a"}""")]
    [InlineData(""" "a" """)]
    public void Parse_JsonDetection_QuotesAndBracesMeanJson(string annotation)
    {
        // Not an array: still treated as JSON (and refused) rather than as the text form.
        SelectionAssertions.ParseFails(annotation).Message.Should().Contain("array");
    }

    [Fact]
    public void Parse_WhitespaceAndNewlines_Tolerated()
    {
        NetworkSelectionParser.Parse("\n [ {\n \"name\" : \"a\" } ] \n", "pod-ns").Should().ContainSingle();
    }
}
