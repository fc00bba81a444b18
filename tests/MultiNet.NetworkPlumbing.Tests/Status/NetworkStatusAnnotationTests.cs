using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Status;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Status;

public class NetworkStatusAnnotationTests
{
    private static readonly NetworkStatus Full = new()
    {
        Name = "team-a/sriov-a",
        Interface = "net1",
        Ips = ["10.1.1.11", "2001:db8::11"],
        Mac = "c2:11:22:33:44:55",
        Mtu = 9000,
        Default = false,
        Dns = new NetworkStatusDns { Nameservers = ["10.0.0.53"], Domain = "example.org", Search = ["a.example.org"], Options = ["ndots:2"] },
        Gateway = ["10.1.1.1"],
        DeviceInfo = new JsonObject { ["type"] = "pci", ["version"] = "1.1.0", ["pci"] = new JsonObject { ["pci-address"] = "0000:04:00.5" } },
    };

    [Fact]
    public void ToAnnotation_FullEntry_KeysInOrderCompact()
    {
        string expected =
            """[{"name":"team-a/sriov-a","interface":"net1","ips":["10.1.1.11","2001:db8::11"],"mac":"c2:11:22:33:44:55","mtu":9000,"""
            + """ "default":false,"dns":{"nameservers":["10.0.0.53"],"domain":"example.org","search":["a.example.org"],"options":["ndots:2"]},""".TrimStart()
            + """ "gateway":["10.1.1.1"],"device-info":{"type":"pci","version":"1.1.0","pci":{"pci-address":"0000:04:00.5"}}}]""".TrimStart();

        NetworkStatusBuilder.ToAnnotation([Full]).Should().Be(expected);
    }

    [Fact]
    public void ToAnnotation_MinimalEntries_NameAndDefaultAlways()
    {
        NetworkStatusBuilder.ToAnnotation(
        [
            new NetworkStatus { Name = "cluster", Default = true },
            new NetworkStatus { Name = "ns/b", Interface = "", Mac = "", Gateway = [], Dns = new NetworkStatusDns(), DeviceInfo = [] },
        ]).Should().Be("""[{"name":"cluster","default":true},{"name":"ns/b","default":false}]""");
    }

    [Fact]
    public void ToAnnotation_NoEntries_EmptyArray()
    {
        NetworkStatusBuilder.ToAnnotation([]).Should().Be("[]");
    }

    [Fact]
    public void ToAnnotation_SpecialCharacters_ValidJson()
    {
        string json = NetworkStatusBuilder.ToAnnotation([new NetworkStatus { Name = "a\"b\\c\u0001+é<" }]);

        JsonNode.Parse(json)![0]!["name"]!.GetValue<string>().Should().Be("a\"b\\c\u0001+é<");
        json.Should().Contain("+é<");
    }

    [Fact]
    public void FromAnnotation_RoundTrip_Equivalent()
    {
        NetworkStatus[] statuses = [new NetworkStatus { Name = "cluster", Interface = "eth0", Ips = ["10.244.0.5"], Default = true }, Full];

        var back = NetworkStatusBuilder.FromAnnotation(NetworkStatusBuilder.ToAnnotation(statuses));

        back.Should().HaveCount(2);
        back[0].Should().BeEquivalentTo(statuses[0]);
        back[1].Should().BeEquivalentTo(Full, o => o.Excluding(s => s.DeviceInfo));
        JsonNode.DeepEquals(back[1].DeviceInfo, Full.DeviceInfo).Should().BeTrue();
    }

    [Fact]
    public void FromAnnotation_MultusIndentedOutput_Read()
    {
        // As Multus writes it: indented, "default" omitted when false, an empty "dns", CIDR-less ips.
        const string multus = """
            [{
                "name": "cbr0",
                "interface": "eth0",
                "ips": [
                    "10.244.1.7"
                ],
                "mac": "3a:5b:c2:11:09:ad",
                "default": true,
                "dns": {},
                "gateway": [
                    "10.244.1.1"
                ]
            },{
                "name": "default/macvlan-conf",
                "interface": "net1",
                "ips": [
                    "192.168.1.200"
                ],
                "mac": "92:79:27:01:7c:cf",
                "dns": {},
                "org.example.extra": 1,
                "default-route": ["192.168.1.1"]
            }]
            """;

        var statuses = NetworkStatusBuilder.FromAnnotation(multus);

        statuses.Select(s => (s.Name, s.Interface, s.Ips.Single(), s.Default)).Should().Equal(
            ("cbr0", "eth0", "10.244.1.7", true),
            ("default/macvlan-conf", "net1", "192.168.1.200", false));
        statuses[0].Gateway.Should().Equal("10.244.1.1");
        statuses.Should().AllSatisfy(s => s.Dns.Should().BeNull());
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "", "invalid JSON" },
        { "[{\"name\":\"a\"}", "invalid JSON at line 1" },
        { "{\"name\":\"a\"}", "expected an array of objects, got an object" },
        { "[1]", "entry 1: expected an object, got a number" },
        { "[{\"name\":\"a\"},{}]", "entry 2: field \"name\" is required" },
        { "[{\"name\":5}]", "entry 1: field \"name\": expected a string, got a number" },
        { "[{\"name\":\"a\",\"ips\":\"10.0.0.1\"}]", "entry 1: field \"ips\": expected an array of strings, got a string" },
        { "[{\"name\":\"a\",\"ips\":[1]}]", "field \"ips\": expected an array of strings" },
        { "[{\"name\":\"a\",\"mtu\":\"1500\"}]", "field \"mtu\": expected an integer, got a string" },
        { "[{\"name\":\"a\",\"mtu\":1.5}]", "field \"mtu\": expected an integer" },
        { "[{\"name\":\"a\",\"default\":\"true\"}]", "field \"default\": expected a boolean, got a string" },
        { "[{\"name\":\"a\",\"dns\":[]}]", "field \"dns\": expected an object, got an array" },
        { "[{\"name\":\"a\",\"dns\":{\"nameservers\":\"x\"}}]", "field \"dns.nameservers\": expected an array of strings" },
        { "[{\"name\":\"a\",\"device-info\":\"pci\"}]", "field \"device-info\": expected an object, got a string" },
        { "[{\"name\":\"a\",\"device-info\":{\"t\":1,\"t\":2}}]", "invalid JSON" },
        { "[{\"name\":\"\ud800\"}", "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void FromAnnotation_Invalid_DecodeFailureNamingField(string json, string expected)
    {
        Action act = () => NetworkStatusBuilder.FromAnnotation(json);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.DecodeFailure)
            .Which.Message.Should().StartWith("annotation \"k8s.v1.cni.cncf.io/network-status\": ").And.Contain(expected);
    }

    [Fact]
    public void FromAnnotation_BuilderOutputForBridge_SurvivesRoundTrip()
    {
        var result = new MultiNet.Cni.Results.CniResult
        {
            Interfaces = [new MultiNet.Cni.Results.ResultInterface { Name = "eth0", Mac = "0a:58:0a:f4:00:05", Sandbox = "/run/netns/x", Mtu = 1500 }],
            Ips = [new MultiNet.Cni.Results.ResultIp { Address = "10.244.0.5/24", Gateway = "10.244.0.1", Interface = 0 }],
            Routes = [new MultiNet.Cni.Results.ResultRoute { Dst = "0.0.0.0/0", Gw = "10.244.0.1" }],
        };
        var built = NetworkStatusBuilder.FromResult(result, "cluster", true, null, "eth0");

        string annotation = NetworkStatusBuilder.ToAnnotation(built);

        annotation.Should().Be("""[{"name":"cluster","interface":"eth0","ips":["10.244.0.5"],"mac":"0a:58:0a:f4:00:05","mtu":1500,"default":true,"gateway":["10.244.0.1"]}]""");
        NetworkStatusBuilder.FromAnnotation(annotation).Should().BeEquivalentTo(built);
    }
}
