using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Tests.Config;

public sealed class NetworkConfigListTests
{
    private const string Conflist = """
        {
          "cniVersion": "0.4.0",
          "name": "mynet",
          "disableCheck": "true",
          "plugins": [
            { "type": "bridge", "bridge": "cni0", "ipam": { "type": "host-local", "subnet": "10.22.0.0/16" } },
            { "type": "portmap", "capabilities": { "portMappings": true }, "snat": true }
          ]
        }
        """;

    private static CniException Fails(string json) =>
        FluentActions.Invoking(() => NetworkConfigList.Parse(json)).Should().Throw<CniException>().Which;

    [Fact]
    public void Parse_Conflist_ReadsListAndKeepsPluginsUntouched()
    {
        var list = NetworkConfigList.Parse(Conflist);

        list.Name.Should().Be("mynet");
        list.CniVersion.Should().Be("0.4.0");
        list.DisableCheck.Should().BeTrue();
        list.IsSingleConf.Should().BeFalse();
        list.Plugins.Should().HaveCount(2);
        list.Plugins[0]["ipam"]!["subnet"]!.GetValue<string>().Should().Be("10.22.0.0/16");
        list.Plugins[1]["snat"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void Parse_SingleConf_IsOnePluginList()
    {
        var list = NetworkConfigList.Parse("""{"cniVersion":"0.3.1","name":"macvlan-a","type":"macvlan","master":"eth0"}""");

        list.IsSingleConf.Should().BeTrue();
        list.Plugins.Should().ContainSingle().Which["master"]!.GetValue<string>().Should().Be("eth0");
        list.CniVersion.Should().Be("0.3.1");
    }

    [Fact]
    public void Parse_MissingName_IsCode7()
    {
        var e = Fails("""{"cniVersion":"1.0.0","plugins":[{"type":"bridge"}]}""");
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("field \"name\" is missing");
    }

    [Fact]
    public void Parse_BadName_IsCode7()
    {
        var e = Fails("""{"cniVersion":"1.0.0","name":"-bad name","plugins":[{"type":"bridge"}]}""");
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("\"name\"");
    }

    [Fact]
    public void Parse_MissingVersion_IsCode7()
    {
        var e = Fails("""{"name":"n","plugins":[{"type":"bridge"}]}""");
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("\"cniVersion\"");
    }

    [Theory]
    [InlineData("""{"cniVersion":"2.0.0","name":"n","type":"bridge"}""", "\"2.0.0\"")]
    [InlineData("""{"cniVersion":"1.0","name":"n","type":"bridge"}""", "\"1.0\"")]
    [InlineData("""{"cniVersions":["3.0.0"],"name":"n","type":"bridge"}""", "\"3.0.0\"")]
    public void Parse_UnsupportedVersion_IsCode1NamingIt(string json, string value)
    {
        var e = Fails(json);
        e.Code.Should().Be(CniErrorCode.IncompatibleVersion);
        e.Message.Should().Contain(value);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","cniVersions":["1.1.0","0.4.0"],"name":"n","plugins":[{"type":"a"}]}""", "1.1.0")]
    [InlineData("""{"cniVersions":["0.4.0","1.0.0","1.2.0"],"name":"n","plugins":[{"type":"a"}]}""", "1.0.0")]
    [InlineData("""{"cniVersion":"9.0.0","cniVersions":["0.3.1"],"name":"n","plugins":[{"type":"a"}]}""", "0.3.1")]
    public void Parse_CniVersions_PicksHighestSupported(string json, string expected) =>
        NetworkConfigList.Parse(json).CniVersion.Should().Be(expected);

    [Fact]
    public void Parse_InvalidJson_IsCode6WithPosition()
    {
        var e = Fails("{\n  \"name\": \"n\",\n  \"plugins\": [,]\n}");
        e.Code.Should().Be(CniErrorCode.DecodeFailure);
        e.Message.Should().Contain("line 3");
    }

    [Fact]
    public void Parse_DuplicateKey_IsCode6() =>
        Fails("""{"name":"a","name":"b","cniVersion":"1.0.0","type":"x"}""").Code.Should().Be(CniErrorCode.DecodeFailure);

    [Fact]
    public void Parse_NotAnObject_IsCode6() =>
        Fails("[1,2]").Code.Should().Be(CniErrorCode.DecodeFailure);

    [Fact]
    public void Parse_PluginWithoutType_IsCode7NamingTheIndex()
    {
        var e = Fails("""{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"a"},{"type":"b"},{"mtu":1400}]}""");
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("plugins[2]: field \"type\" is missing");
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":[]}""", "empty")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":{}}""", "array")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":["bridge"]}""", "plugins[0]")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","plugins":[{"type":5}]}""", "\"type\"")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n"}""", "\"type\"")]
    [InlineData("""{"cniVersion":"1.0.0","name":"n","type":"a","disableCheck":"maybe"}""", "disableCheck")]
    [InlineData("""{"cniVersion":"1.0.0","name":7,"type":"a"}""", "\"name\"")]
    public void Parse_BadStructure_IsCode7NamingTheField(string json, string fragment)
    {
        var e = Fails(json);
        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain(fragment);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    [InlineData("\"True\"", true)]
    public void Parse_DisableCheck_AcceptsBoolOrString(string value, bool expected) =>
        NetworkConfigList.Parse($$"""{"cniVersion":"1.0.0","name":"n","disableCheck":{{value}},"plugins":[{"type":"a"}]}""")
            .DisableCheck.Should().Be(expected);

    [Fact]
    public void Parse_JsonObject_DoesNotKeepTheCallersObject()
    {
        var obj = JsonNode.Parse(Conflist)!.AsObject();
        var list = NetworkConfigList.Parse(obj);

        obj["plugins"]![0]!["bridge"] = "changed";

        list.Plugins[0]["bridge"]!.GetValue<string>().Should().Be("cni0");
    }

    [Fact]
    public void ToJson_Conflist_RoundTripsAsAList()
    {
        var list = NetworkConfigList.Parse(Conflist);

        var json = list.ToJson();
        var again = NetworkConfigList.Parse(json);

        json.ContainsKey("plugins").Should().BeTrue();
        again.Should().BeEquivalentTo(list, o => o.Excluding(l => l.Plugins));
        again.Plugins.Zip(list.Plugins).Should().OnlyContain(p => JsonNode.DeepEquals(p.First, p.Second));
    }

    [Fact]
    public void ToJson_SingleConf_StaysAConfWithSelectedVersion()
    {
        var list = NetworkConfigList.Parse("""{"cniVersions":["0.4.0","1.0.0"],"name":"m","type":"macvlan","master":"br0"}""");

        var json = list.ToJson();

        json.ContainsKey("plugins").Should().BeFalse();
        json["type"]!.GetValue<string>().Should().Be("macvlan");
        json["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        var again = NetworkConfigList.Parse(json);
        again.IsSingleConf.Should().BeTrue();
        again.CniVersion.Should().Be("1.0.0");
        again.Plugins[0]["master"]!.GetValue<string>().Should().Be("br0");
    }
}
