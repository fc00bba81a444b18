using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Results;
using MultiNet.NetworkPlumbing.Status;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Status;

// The builder fed with what the reference plugins print, parsed by the Cni project's converter.
public class NetworkStatusFromPluginOutputTests
{
    [Theory]
    [InlineData("0.3.1", true)]
    [InlineData("0.4.0", true)]
    [InlineData("1.0.0", false)]
    [InlineData("1.1.0", false)]
    public void FromResult_BridgeOutput_PodInterfaceOnly(string version, bool hasIpVersion)
    {
        string ipVersion = hasIpVersion ? "\"version\":\"4\"," : string.Empty;
        string json = $$$"""
            {"cniVersion":"{{{version}}}",
             "interfaces":[{"name":"cni0","mac":"0a:58:0a:f4:00:01"},
                           {"name":"veth3f2a1b7c","mac":"6e:1c:3a:55:0b:2d"},
                           {"name":"eth0","mac":"0a:58:0a:f4:00:05","sandbox":"/var/run/netns/cni-1"}],
             "ips":[{{{{ipVersion}}}"address":"10.244.0.5/24","gateway":"10.244.0.1","interface":2}],
             "routes":[{"dst":"0.0.0.0/0","gw":"10.244.0.1"}],
             "dns":{}}
            """;
        CniResult result = ResultConverter.Parse(JsonNode.Parse(json), version);

        var status = NetworkStatusBuilder.FromResult(result, "cluster", true, null, "eth0").Single();

        NetworkStatusBuilder.ToAnnotation([status]).Should().Be(
            """[{"name":"cluster","interface":"eth0","ips":["10.244.0.5"],"mac":"0a:58:0a:f4:00:05","default":true,"gateway":["10.244.0.1"]}]""");
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public void FromResult_MacvlanDualStackOutput_BothAddresses(string version)
    {
        string json = $$$"""
            {"cniVersion":"{{{version}}}",
             "interfaces":[{"name":"net1","mac":"c2:11:22:33:44:55","sandbox":"/var/run/netns/cni-1"}],
             "ips":[{"address":"10.1.1.11/24","interface":0},{"address":"2001:db8::11/64","interface":0}],
             "dns":{"nameservers":["10.1.1.53"]}}
            """;
        CniResult result = ResultConverter.Parse(JsonNode.Parse(json), version);

        var status = NetworkStatusBuilder.FromResult(result, "team-a/macvlan-a", false, null, "net1").Single();

        NetworkStatusBuilder.ToAnnotation([status]).Should().Be(
            """[{"name":"team-a/macvlan-a","interface":"net1","ips":["10.1.1.11","2001:db8::11"],"mac":"c2:11:22:33:44:55","default":false,"dns":{"nameservers":["10.1.1.53"]}}]""");
    }

    [Fact]
    public void FromResult_Legacy020Output_FallbackInterfaceWithAllAddresses()
    {
        const string json = """
            {"cniVersion":"0.2.0","ip4":{"ip":"10.9.0.4/16","gateway":"10.9.0.1","routes":[{"dst":"0.0.0.0/0"}]},
             "ip6":{"ip":"fd00::4/64"}}
            """;
        CniResult result = ResultConverter.Parse(JsonNode.Parse(json), "0.2.0");

        var status = NetworkStatusBuilder.FromResult(result, "ns/old", false, null, "net2").Single();

        (status.Interface, string.Join(",", status.Ips)).Should().Be(("net2", "10.9.0.4,fd00::4"));
    }
}
