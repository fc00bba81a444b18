using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using FluentAssertions;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Tests.Properties;
using Xunit;

namespace MultiNet.Attachments.Tests.Properties;

/// <summary>
/// The plugin's own config and the pod identity in CNI_ARGS: any input parses or fails with a CniException naming
/// what is wrong, never another exception; a generated valid config parses to what was generated.
/// </summary>
public sealed class ConfigParserProperties
{
    private static readonly Gen<string> Path = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_."].Array[1, 10].Select(c => "/var/lib/" + new string(c));

    private static readonly Gen<JsonObject> Config = Gen.Select(Gen.OneOf("0.3.1", "0.4.0", "1.0.0", "1.1.0"), Path, Gen.Bool, Gen.Int[1, 3600],
        Gen.OneOf("panic", "error", "verbose", "debug"), Gen.OneOf("cluster", "merged"), Gen.Bool).Select(t => new JsonObject
        {
            ["cniVersion"] = t.Item1,
            ["name"] = "multinet",
            ["type"] = "multinet",
            ["cniDir"] = t.Item2,
            ["namespaceIsolation"] = t.Item3,
            ["delegateTimeoutSeconds"] = t.Item4,
            ["logLevel"] = t.Item5,
            ["resultMode"] = t.Item6,
            ["clusterNetwork"] = t.Item7 ? "kube-system/cluster" : null,
            ["delegates"] = t.Item7 ? null : new JsonArray(new JsonObject { ["cniVersion"] = t.Item1, ["name"] = "cluster", ["type"] = "bridge" }),
        });

    private static readonly Gen<JsonNode?> AnyValue = Gen.Select(Gen.Int[0, 5], FuzzText.Hostile, Gen.Int, (kind, text, number) => kind switch
    {
        0 => null,
        1 => JsonValue.Create(text),
        2 => JsonValue.Create(number),
        3 => JsonValue.Create(number % 2 == 0),
        4 => new JsonArray(JsonValue.Create(text)),
        _ => (JsonNode?)new JsonObject { ["type"] = text },
    });

    private static readonly string[] Keys =
    [
        "cniVersion", "clusterNetwork", "delegates", "defaultNetworks", "kubeconfig", "cniDir", "binDir", "namespaceIsolation",
        "globalNamespaces", "logLevel", "logToStderr", "delegateTimeoutSeconds", "readinessTimeoutSeconds", "resultMode", "runtimeConfig",
    ];

    [Fact]
    public void Parse_AnyBytesOrMutatedConfig_ParsesOrThrowsOnlyCniException() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Config.Select(c => c.ToJsonString()))).Sample(text => ParsesOrFailsCleanly(Encoding.UTF8.GetBytes(text)),
            iter: 10_000);

    [Fact]
    public void Parse_AnyValueForAnyKnownKey_ParsesOrThrowsOnlyCniExceptionNamingIt() =>
        Gen.Select(Config, Gen.Int[0, Keys.Length - 1], AnyValue).Sample((config, key, value) =>
        {
            config[Keys[key]] = value;
            var error = ParsesOrFailsCleanly(Encoding.UTF8.GetBytes(config.ToJsonString()));
            if (error is not null && error.Code == CniErrorCode.InvalidConfig && Keys[key] is not ("clusterNetwork" or "delegates"))
            {
                error.Message.Should().Contain(Keys[key]);
            }
        }, iter: 10_000);

    [Fact]
    public void Parse_GeneratedConfig_GivesWhatWasGenerated() =>
        Config.Sample(config =>
        {
            var parsed = MultiNetConfigParser.Parse(Encoding.UTF8.GetBytes(config.ToJsonString()));

            parsed.CniVersion.Should().Be((string?)config["cniVersion"]);
            parsed.CniDir.Should().Be((string?)config["cniDir"]);
            parsed.NamespaceIsolation.Should().Be((bool)config["namespaceIsolation"]!);
            parsed.DelegateTimeout.Should().Be(TimeSpan.FromSeconds((int)config["delegateTimeoutSeconds"]!));
            parsed.LogLevel.Should().Be((string?)config["logLevel"]);
            parsed.ClusterNetwork.Should().Be((string?)config["clusterNetwork"]);
            parsed.Delegates.Should().HaveCount(config["delegates"] is null ? 0 : 1);
        }, iter: 5_000);

    [Fact]
    public void PodContext_AnyCniArgs_LoadsOrThrowsOnlyCode4() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Gen.OneOf("IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1.web;K8S_POD_UID=u-1")))
            .Sample(args =>
            {
                var env = new CniEnvironment { Command = CniCommand.Add, ContainerId = "c1", IfName = "eth0", NetNs = "/x", Args = args };
                try
                {
                    var context = new PodContextLoader(null).LoadForAddAsync(env, CancellationToken.None).GetAwaiter().GetResult();
                    context.DelegateArgs.Should().Contain(p => p.Key == "IgnoreUnknown");
                }
                catch (CniException e)
                {
                    e.Code.Should().Be(CniErrorCode.InvalidEnvironment);
                    e.Message.Should().Contain("CNI_ARGS");
                }
            }, iter: 4_000);

    private static CniException? ParsesOrFailsCleanly(byte[] utf8)
    {
        try
        {
            MultiNetConfigParser.Parse(utf8).CniVersion.Should().NotBeNullOrEmpty();
            return null;
        }
        catch (CniException e)
        {
            e.Message.Should().StartWith("network config");
            return e;
        }
    }
}
