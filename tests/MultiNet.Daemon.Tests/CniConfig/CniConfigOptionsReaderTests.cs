using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

public sealed class CniConfigOptionsReaderTests
{
    [Fact]
    public void FromDaemonConfig_NoSection_GeneratesNothing()
    {
        CniConfigOptionsReader.FromDaemonConfig(new JsonObject { ["socketDir"] = "/run/x" }, "/run/x").Should().BeNull();
    }

    [Fact]
    public void FromDaemonConfig_EmptySection_IsThickWithDefaultsAndTheDaemonsSocket()
    {
        var options = CniConfigOptionsReader.FromDaemonConfig(new JsonObject { ["socketDir"] = "/run/x", ["cniConfig"] = new JsonObject() }, "/run/x")!;

        options.Mode.Should().Be(CniConfigMode.Thick);
        options.SocketDir.Should().Be("/run/x");
        options.ConfDir.Should().Be("/etc/cni/net.d");
        options.OutputPath.Should().Be("/etc/cni/net.d/00-multinet.conflist");
        options.Removal.Should().Be(ConfigRemoval.Always);
        options.ExtraKeys.Should().BeNull();
    }

    [Fact]
    public void FromDaemonConfig_EveryKey_IsRead()
    {
        var config = JsonNode.Parse("""
            {"cniConfig": {"confDir": "/host/net.d", "primaryConfig": "10-calico.conflist", "readinessIndicatorFile": "/run/ready",
             "removeOnExit": "uninstall", "rescanSeconds": 2.5, "networkName": "mn", "pluginKeys": {"namespaceIsolation": true}}}
            """)!.AsObject();

        var options = CniConfigOptionsReader.FromDaemonConfig(config, "/run/multinet")!;

        options.ConfDir.Should().Be("/host/net.d");
        options.PrimaryConfigName.Should().Be("10-calico.conflist");
        options.ReadinessIndicatorFile.Should().Be("/run/ready");
        options.Removal.Should().Be(ConfigRemoval.OnUninstall);
        options.RescanInterval.Should().Be(TimeSpan.FromSeconds(2.5));
        options.NetworkName.Should().Be("mn");
        options.ExtraKeys!["namespaceIsolation"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void FromDaemonConfig_GenerateFalse_IsNull()
    {
        CniConfigOptionsReader.FromDaemonConfig(JsonNode.Parse("""{"cniConfig": {"generate": false}}""")!.AsObject(), "/run/multinet")
            .Should().BeNull();
    }

    [Theory]
    [InlineData("""{"cniConfig": 5}""", "cniConfig")]
    [InlineData("""{"cniConfig": {"confDir": "relative"}}""", "cniConfig.confDir")]
    [InlineData("""{"cniConfig": {"confDir": 1}}""", "cniConfig.confDir")]
    [InlineData("""{"cniConfig": {"removeOnExit": "yes"}}""", "cniConfig.removeOnExit")]
    [InlineData("""{"cniConfig": {"removeOnExit": 1}}""", "cniConfig.removeOnExit")]
    [InlineData("""{"cniConfig": {"generate": "no"}}""", "cniConfig.generate")]
    [InlineData("""{"cniConfig": {"rescanSeconds": 0}}""", "cniConfig.rescanSeconds")]
    [InlineData("""{"cniConfig": {"pluginKeys": []}}""", "cniConfig.pluginKeys")]
    [InlineData("""{"cniConfig": {"pluginKeys": {"clusterNetwork": "x"}}}""", "cniConfig.pluginKeys.clusterNetwork")]
    public void FromDaemonConfig_BadValue_NamesTheKey(string json, string key)
    {
        var act = () => CniConfigOptionsReader.FromDaemonConfig(JsonNode.Parse(json)!.AsObject(), "/run/multinet");

        act.Should().Throw<ArgumentException>().WithMessage($"*field \"{key}\"*");
    }

    [Theory]
    [InlineData("true", "Always")]
    [InlineData("false", "Never")]
    [InlineData("\"always\"", "Always")]
    [InlineData("\"never\"", "Never")]
    [InlineData("\"uninstall\"", "OnUninstall")]
    public void FromDaemonConfig_RemoveOnExit_AcceptsNamesAndBooleans(string value, string expected)
    {
        var config = JsonNode.Parse("{\"cniConfig\": {\"removeOnExit\": " + value + "}}")!.AsObject();

        CniConfigOptionsReader.FromDaemonConfig(config, "/run/multinet")!.Removal.ToString().Should().Be(expected);
    }
}
