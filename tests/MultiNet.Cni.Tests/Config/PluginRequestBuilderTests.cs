using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Config;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Tests.Config;

public sealed class PluginRequestBuilderTests
{
    private static readonly NetworkConfigList List = NetworkConfigList.Parse("""
        {
          "cniVersion": "0.4.0",
          "name": "k8s-pod-network",
          "plugins": [
            { "type": "bridge", "name": "ignored", "cniVersion": "0.1.0", "ipam": { "type": "host-local" },
              "capabilities": { "ips": true, "mac": false } },
            { "type": "portmap", "capabilities": { "portMappings": true }, "runtimeConfig": { "keep": 1 } },
            { "type": "tuning" }
          ]
        }
        """);

    private static readonly Dictionary<string, JsonNode?> CapabilityArgs = new()
    {
        ["ips"] = new JsonArray("10.1.1.5/24"),
        ["mac"] = "c2:11:22:33:44:55",
        ["portMappings"] = JsonNode.Parse("""[{"hostPort":8080,"containerPort":80,"protocol":"tcp"}]"""),
    };

    [Fact]
    public void Build_SetsListNameAndVersion()
    {
        var request = PluginRequestBuilder.Build(List, 0, null, null);

        request["name"]!.GetValue<string>().Should().Be("k8s-pod-network");
        request["cniVersion"]!.GetValue<string>().Should().Be("0.4.0");
        request["ipam"]!["type"]!.GetValue<string>().Should().Be("host-local");
    }

    [Fact]
    public void Build_OnlyDeclaredTrueCapabilities_ReachRuntimeConfig()
    {
        var request = PluginRequestBuilder.Build(List, 0, CapabilityArgs, null);

        var runtimeConfig = request["runtimeConfig"]!.AsObject();
        runtimeConfig.Select(kv => kv.Key).Should().BeEquivalentTo("ips");
        runtimeConfig["ips"]![0]!.GetValue<string>().Should().Be("10.1.1.5/24");
        request["capabilities"].Should().NotBeNull("libcni leaves capabilities in the request");
    }

    [Fact]
    public void Build_MergesOverExistingRuntimeConfig()
    {
        var request = PluginRequestBuilder.Build(List, 1, CapabilityArgs, null);

        var runtimeConfig = request["runtimeConfig"]!.AsObject();
        runtimeConfig["keep"]!.GetValue<int>().Should().Be(1);
        runtimeConfig["portMappings"]![0]!["hostPort"]!.GetValue<int>().Should().Be(8080);
    }

    [Fact]
    public void Build_NoMatchingCapability_OmitsRuntimeConfig() =>
        PluginRequestBuilder.Build(List, 2, CapabilityArgs, null).ContainsKey("runtimeConfig").Should().BeFalse();

    [Fact]
    public void Build_DoesNotChangeTheListOrTheArgs()
    {
        var before = List.Plugins[1].ToJsonString();

        var request = PluginRequestBuilder.Build(List, 1, CapabilityArgs, null);
        request["runtimeConfig"]!["portMappings"]![0]!["hostPort"] = 1;

        List.Plugins[1].ToJsonString().Should().Be(before);
        CapabilityArgs["portMappings"]![0]!["hostPort"]!.GetValue<int>().Should().Be(8080);
    }

    [Fact]
    public void Build_PrevResult_IsConvertedToTheListVersion()
    {
        var prev = new CniResult
        {
            CniVersion = "1.1.0",
            Interfaces = [new ResultInterface { Name = "eth0", Mac = "aa:bb:cc:dd:ee:ff", Sandbox = "/var/run/netns/x", Mtu = 1400 }],
            Ips = [new ResultIp { Address = "10.1.1.5/24", Gateway = "10.1.1.1", Interface = 0 }],
        };

        var request = PluginRequestBuilder.Build(List, 2, null, prev);

        var prevJson = request["prevResult"]!.AsObject();
        prevJson["cniVersion"]!.GetValue<string>().Should().Be("0.4.0");
        prevJson["ips"]![0]!["version"]!.GetValue<string>().Should().Be("4");
        prevJson["interfaces"]![0]!.AsObject().ContainsKey("mtu").Should().BeFalse();
    }

    [Fact]
    public void Build_WithoutPrevResult_RemovesAStaleOne()
    {
        var list = List with { Plugins = [JsonNode.Parse("""{"type":"x","prevResult":{"cniVersion":"0.4.0"}}""")!.AsObject()] };

        PluginRequestBuilder.Build(list, 0, null, null).ContainsKey("prevResult").Should().BeFalse();
    }

    [Fact]
    public void Capabilities_OnlyTrueOnes() =>
        PluginRequestBuilder.Capabilities(List.Plugins[0]).Should().BeEquivalentTo(["ips"]);

    [Fact]
    public void UnionCapabilities_CoversEveryPlugin() =>
        PluginRequestBuilder.UnionCapabilities(List).Should().BeEquivalentTo(["ips", "portMappings"]);
}
