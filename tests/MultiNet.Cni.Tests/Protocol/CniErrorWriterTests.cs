using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Tests.Protocol;

public sealed class CniErrorWriterTests
{
    [Fact]
    public void ToJson_WithDetails_WritesEveryField()
    {
        var json = CniErrorWriter.ToJson(
            new CniException(CniErrorCode.InvalidConfig, "network \"a\": field \"mac\": \"zz\" is bad", "more"),
            "1.0.0");

        JsonNode.DeepEquals(
            JsonNode.Parse(json),
            JsonNode.Parse("""{"cniVersion":"1.0.0","code":7,"msg":"network \"a\": field \"mac\": \"zz\" is bad","details":"more"}"""))
            .Should().BeTrue(json);
    }

    [Fact]
    public void ToJson_WithoutDetails_OmitsDetails()
    {
        var json = JsonNode.Parse(CniErrorWriter.ToJson(new CniException(CniErrorCode.TryAgainLater, "busy"), "1.1.0"))!.AsObject();

        json.ContainsKey("details").Should().BeFalse();
        json["code"]!.GetValue<int>().Should().Be(11);
        json["msg"]!.GetValue<string>().Should().Be("busy");
    }

    [Fact]
    public void VersionInfo_ToJson_ListsSupportedVersions()
    {
        var json = JsonNode.Parse(VersionInfo.ToJson("0.4.0"))!.AsObject();

        json["cniVersion"]!.GetValue<string>().Should().Be("0.4.0");
        json["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal(CniVersions.Supported);
    }
}
