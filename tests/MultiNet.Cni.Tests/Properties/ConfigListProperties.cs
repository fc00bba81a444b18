using System.Text.Json.Nodes;
using CsCheck;
using FluentAssertions;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using Xunit;

namespace MultiNet.Cni.Tests.Properties;

/// <summary>Network configs and lists: any text parses or fails with a CniException (1, 6 or 7); what is written parses back the same.</summary>
public sealed class ConfigListProperties
{
    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_."].Array[1, 12].Select(c => "n" + new string(c));

    private static readonly Gen<JsonObject> Plugin = Gen.Select(Gen.OneOf("bridge", "macvlan", "tuning", "host-local"), Gen.Int[0, 9000], Gen.Bool)
        .Select(t =>
        {
            var plugin = new JsonObject { ["type"] = t.Item1, ["mtu"] = t.Item2, ["unknown-key"] = new JsonArray(t.Item2, "x") };
            if (t.Item3)
            {
                plugin["capabilities"] = new JsonObject { ["ips"] = true, ["mac"] = false };
            }

            return plugin;
        });

    /// <summary>A valid conf or conflist of every version.</summary>
    public static readonly Gen<JsonObject> Config = Gen.Select(Name, Gen.OneOf("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"),
        Plugin.Array[1, 4], Gen.Bool, Gen.Bool).Select(t =>
        {
            if (t.Item5)
            {
                var conf = (JsonObject)t.Item3[0].DeepClone();
                conf["name"] = t.Item1;
                conf["cniVersion"] = t.Item2;
                return conf;
            }

            return new JsonObject
            {
                ["cniVersion"] = t.Item2, ["name"] = t.Item1, ["disableCheck"] = t.Item4,
                ["plugins"] = new JsonArray([.. t.Item3.Select(p => (JsonNode)p.DeepClone())]),
            };
        });

    [Fact]
    public void Parse_AnyTextOrMutatedConfig_ParsesOrThrowsOnlyCniException() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Config.Select(c => c.ToJsonString()))).Sample(text =>
        {
            try
            {
                NetworkConfigList.Parse(text).Plugins.Should().NotBeEmpty();
            }
            catch (CniException e)
            {
                e.Code.Should().BeOneOf(CniErrorCode.IncompatibleVersion, CniErrorCode.DecodeFailure, CniErrorCode.InvalidConfig);
                e.Message.Should().NotBeNullOrWhiteSpace();
            }
        }, iter: 10_000);

    [Fact]
    public void Parse_GeneratedConfig_KeepsNameVersionAndPluginsAndRoundTrips() =>
        Config.Sample(config =>
        {
            var list = NetworkConfigList.Parse(config.ToJsonString());

            list.Name.Should().Be((string?)config["name"]);
            list.CniVersion.Should().Be((string?)config["cniVersion"]);
            list.Plugins.Select(p => (string?)p["type"]).Should().Equal(
                config["plugins"] is JsonArray plugins ? plugins.Select(p => (string?)p!["type"]) : [(string?)config["type"]]);
            var again = NetworkConfigList.Parse(list.ToJson().ToJsonString());
            again.ToJson().ToJsonString().Should().Be(list.ToJson().ToJsonString());
        }, iter: 5_000);
}
