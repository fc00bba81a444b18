using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Tests.Results;

public sealed class ResultConverterTests
{
    private static CniException Fails(string json, string fallback = "1.0.0") =>
        FluentActions.Invoking(() => ResultConverter.Parse(Encoding.UTF8.GetBytes(json), fallback))
            .Should().Throw<CniException>().Which;

    [Fact]
    public void Parse_Legacy_MapsIp4AndRoutesIntoTheHub()
    {
        var result = ResultConverter.Parse(JsonNode.Parse(ResultSamples.Dhcp020), "1.0.0");

        result.CniVersion.Should().Be("0.2.0");
        result.Ips.Should().ContainSingle().Which.Should().Be(new ResultIp { Address = "192.168.122.57/24", Gateway = "192.168.122.1" });
        result.Routes.Should().ContainSingle().Which.Should().Be(new ResultRoute { Dst = "0.0.0.0/0", Gw = "192.168.122.1" });
        result.Dns!.Domain.Should().Be("example.local");
        result.Interfaces.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Span_ReadsTheSameAsNode()
    {
        var fromSpan = ResultConverter.Parse(Encoding.UTF8.GetBytes(ResultSamples.Sriov110), "1.0.0");

        fromSpan.Interfaces[0].Mtu.Should().Be(9000);
        fromSpan.Interfaces[0].PciId.Should().Be("0000:04:00.5");
        fromSpan.Interfaces[1].SocketPath.Should().Be("/var/run/vhost/vhu0.sock");
        fromSpan.Routes[0].Should().Be(new ResultRoute
        {
            Dst = "198.51.100.0/24",
            Gw = "192.0.2.1",
            Mtu = 1500,
            AdvMss = 1460,
            Priority = 100,
            Table = 100,
            Scope = 0,
        });
    }

    [Fact]
    public void Parse_Version040_IgnoresFieldsThatVersionDoesNotHave()
    {
        var result = ResultConverter.Parse(
            JsonNode.Parse("""{"cniVersion":"0.4.0","interfaces":[{"name":"eth0","mtu":9000}],"ips":[{"version":"4","address":"10.0.0.2/24"}]}"""),
            "1.0.0");

        result.Interfaces[0].Mtu.Should().BeNull();
    }

    [Fact]
    public void Parse_NoCniVersion_UsesFallback() =>
        ResultConverter.Parse(JsonNode.Parse("""{"ips":[{"version":"4","address":"10.0.0.2/24"}]}"""), "0.3.1")
            .CniVersion.Should().Be("0.3.1");

    [Theory]
    [InlineData("""{"cniVersion":"0.5.0"}""")]
    [InlineData("""{"cniVersion":"2.0.0","ips":[]}""")]
    public void Parse_UnknownVersion_IsCode1(string json) =>
        Fails(json).Code.Should().Be(CniErrorCode.IncompatibleVersion);

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.300/24"}]}""", "ips[0].address")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3"}]}""", "ips[0].address")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"gateway":"10.0.0.1"}]}""", "ips[0].address")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3/24","gateway":"x"}]}""", "ips[0].gateway")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[{"address":"10.0.0.3/24","interface":"0"}]}""", "ips[0].interface")]
    [InlineData("""{"cniVersion":"1.0.0","ips":{}}""", "ips")]
    [InlineData("""{"cniVersion":"1.0.0","ips":[1]}""", "ips[0]")]
    [InlineData("""{"cniVersion":"1.0.0","interfaces":[{"name":3}]}""", "interfaces[0].name")]
    [InlineData("""{"cniVersion":"1.1.0","interfaces":[{"name":"a","mtu":-1}]}""", "interfaces[0].mtu")]
    [InlineData("""{"cniVersion":"1.0.0","routes":[{"dst":"0.0.0.0"}]}""", "routes[0].dst")]
    [InlineData("""{"cniVersion":"1.0.0","dns":{"nameservers":"1.1.1.1"}}""", "dns.nameservers")]
    [InlineData("""{"cniVersion":"0.4.0","ips":[{"version":"5","address":"10.0.0.3/24"}]}""", "ips[0].version")]
    [InlineData("""{"cniVersion":"0.2.0","ip4":{"gateway":"10.0.0.1"}}""", "ip4.ip")]
    [InlineData("""{"cniVersion":"0.2.0","ip6":{"ip":"fd00::1/64","routes":[{"dst":"::/0","gw":7}]}}""", "ip6.routes[0].gw")]
    [InlineData("""{"cniVersion":1}""", "cniVersion")]
    public void Parse_WrongField_IsCode6NamingIt(string json, string field)
    {
        var e = Fails(json);
        e.Code.Should().Be(CniErrorCode.DecodeFailure);
        e.Message.Should().Contain($"\"{field}\"");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"ips\":[}")]
    public void Parse_NotAResult_IsCode6(string text) =>
        Fails(text).Code.Should().Be(CniErrorCode.DecodeFailure);

    [Fact]
    public void ToJson_LegacyWithoutAddresses_IsCode1()
    {
        var result = new CniResult { Interfaces = [new ResultInterface { Name = "eth0" }] };

        var act = () => ResultConverter.ToJson(result, "0.2.0");

        var e = act.Should().Throw<CniException>().Which;
        e.Code.Should().Be(CniErrorCode.IncompatibleVersion);
        e.Message.Should().Be("cannot convert: no valid IP addresses");
    }

    [Fact]
    public void ToJson_UnknownTarget_IsCode1() =>
        FluentActions.Invoking(() => ResultConverter.ToJson(new CniResult(), "0.9.0"))
            .Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.IncompatibleVersion);

    [Fact]
    public void ToJson_EmptyParts_AreOmittedLikeGo()
    {
        var json = ResultConverter.ToJson(
            new CniResult
            {
                Ips = [new ResultIp { Address = "10.0.0.2/24" }],
                Dns = new ResultDns(),
            },
            "1.0.0");

        json.Select(kv => kv.Key).Should().Equal("cniVersion", "ips");
        json["ips"]![0]!.AsObject().Select(kv => kv.Key).Should().Equal("address");
    }

    [Fact]
    public void ToJsonString_IsCompactJson() =>
        ResultConverter.ToJsonString(new CniResult { Ips = [new ResultIp { Address = "10.0.0.2/24" }] }, "0.4.0")
            .Should().Be("""{"cniVersion":"0.4.0","ips":[{"version":"4","address":"10.0.0.2/24"}]}""");

    [Fact]
    public void Parse_EmptyDnsObject_IsNoDns() =>
        ResultConverter.Parse(JsonNode.Parse("""{"cniVersion":"0.4.0","dns":{}}"""), "1.0.0").Dns.Should().BeNull();
}
