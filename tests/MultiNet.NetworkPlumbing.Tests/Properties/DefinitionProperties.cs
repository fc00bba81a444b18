using System.Text.Json.Nodes;
using CsCheck;
using MultiNet.Cni.Tests.Properties;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Properties;

/// <summary>NAD reading and config resolution: any object or spec.config gives a definition / config or a CniException, nothing else.</summary>
public sealed class DefinitionProperties
{
    private static readonly Gen<string> ValidConfig = Gen.Select(Generators.Label, Gen.OneOf("0.3.1", "0.4.0", "1.0.0", "1.1.0"), Gen.Bool, Gen.Int[1, 3])
        .Select(t => (t.Item3
            ? new JsonObject
            {
                ["cniVersion"] = t.Item2, ["name"] = t.Item1, ["type"] = "macvlan", ["capabilities"] = new JsonObject { ["ips"] = true },
            }
            : new JsonObject
            {
                ["cniVersion"] = t.Item2, ["name"] = t.Item1,
                ["plugins"] = new JsonArray([.. Enumerable.Range(0, t.Item4).Select(_ => (JsonNode)new JsonObject { ["type"] = "bridge" })]),
            }).ToJsonString());

    [Fact]
    public void Resolve_AnySpecConfig_GivesAConfigOrThrowsOnlyCniException()
    {
        var confDir = Directory.CreateTempSubdirectory("multinet-props-").FullName;
        try
        {
            Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(ValidConfig), ValidConfig).Sample(config =>
            {
                var nad = new NetworkAttachmentDefinition { Namespace = "team-a", Name = "net-a", Config = config };
                try
                {
                    var list = NetworkConfigResolver.Resolve(nad, confDir);
                    list.Plugins.Should().NotBeEmpty();
                    list.Plugins.Should().OnlyContain(p => ((string?)p["type"])!.Length > 0);
                }
                catch (CniException e)
                {
                    e.Message.Should().Contain("\"team-a/net-a\"");
                    e.Code.Should().BeOneOf(CniErrorCode.DecodeFailure, CniErrorCode.InvalidConfig, CniErrorCode.IncompatibleVersion,
                        CniErrorCode.NetworkNotFound);
                }
            }, iter: 2_000);
        }
        finally
        {
            Directory.Delete(confDir, recursive: true);
        }
    }

    [Fact]
    public void FromJson_AnyObjectShape_GivesADefinitionOrThrowsOnlyInvalidConfig()
    {
        var value = Gen.Select(Gen.Int[0, 4], Generators.Label, (kind, label) => kind switch
        {
            0 => null,
            1 => JsonValue.Create(label.Length),
            2 => JsonValue.Create(label),
            3 => new JsonArray(),
            _ => (JsonNode?)new JsonObject(),
        });
        Gen.Select(value, value, value, value, value).Sample(t =>
        {
            var nad = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = t.Item1?.DeepClone(),
                    ["namespace"] = t.Item2?.DeepClone(),
                    ["annotations"] = new JsonObject { [NetworkAttachmentDefinition.ResourceNameAnnotation] = t.Item3?.DeepClone() },
                },
                ["spec"] = t.Item4 is JsonObject ? new JsonObject { ["config"] = t.Item5?.DeepClone() } : t.Item4?.DeepClone(),
            };
            try
            {
                NetworkAttachmentDefinitionJson.FromJson(nad).Name.Should().NotBeEmpty();
            }
            catch (CniException e)
            {
                e.Code.Should().Be(CniErrorCode.InvalidConfig);
            }
        }, iter: 5_000);
    }
}
