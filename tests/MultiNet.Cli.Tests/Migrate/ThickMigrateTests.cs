using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cli.Tests.Commands;
using Microsoft.Extensions.Logging;
using static MultiNet.Cli.Tests.Migrate.MigrateRun;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary><c>multinetctl migrate</c> on thick Multus's daemon-config.json: multinetd's daemon.json, read back by multinetd's own readers.</summary>
public sealed class ThickMigrateTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Migrate_ThickDaemonsetConfig_GivesADaemonJsonMultinetdReadsWithHostPaths()
    {
        var run = Run(_dir, "daemon-config.json", MultusConfigs.ThickDaemonset, "-o", "json");

        ((string)run.Report["kind"]!).Should().Be("daemon-config");
        var back = DaemonJsonReadBack.From(run.Config, _dir);
        back.Daemon.SocketDir.Should().Be("/run/multinet");
        back.Daemon.LogLevel.Should().Be(LogLevel.Information, "Multus's verbose");
        back.CniConfig.ConfDir.Should().Be("/etc/cni/net.d", "Multus's container saw it as /host/etc/cni/net.d");
        back.CniConfig.PrimaryConfigName.Should().BeNull("auto: the first config by name, as Multus's auto-config");
        back.Plugin.ClusterNetwork.Should().Be(DaemonJsonReadBack.PrimaryPath);
        back.Plugin.DaemonSocketDir.Should().Be("/run/multinet");
        back.Plugin.LogLevel.Should().Be("verbose");
        run.Findings.Should().Contain([
            ("cniConfigDir", "changed"), ("multusConfigFile", "not needed"), ("socketDir", "not needed"),
            ("cniVersion", "not needed"), ("logLevel", "changed")]);
        run.ExitCode.Should().Be(0, run.ToString());
        ((string)run.Config["chrootDir"]!).Should().Be("/hostroot", "multinetd runs delegates chrooted into the host's root, as Multus did, at the path deploy/thick mounts it");
        run.Findings.Should().NotContain(f => f.Key == "chrootDir");
    }

    [Fact]
    public void Migrate_ThickWithPluginAndTuningKeys_CarriesPluginKeysIntoCniConfigAndNamesWhatIsLost()
    {
        var run = Run(_dir, "daemon-config.json", MultusConfigs.ThickTuned, "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        var back = DaemonJsonReadBack.From(run.Config, _dir);
        back.Daemon.MaxConcurrentRequests.Should().Be(8, "connectionLimit");
        back.Daemon.LogLevel.Should().Be(LogLevel.Debug);
        back.CniConfig.PrimaryConfigName.Should().Be("10-calico.conflist", "multusMasterCNI");
        back.CniConfig.ReadinessIndicatorFile.Should().Be("/run/calico/ready");
        back.Plugin.NamespaceIsolation.Should().BeTrue();
        back.Plugin.GlobalNamespaces.Should().Equal("default", "infra");
        back.Plugin.DefaultNetworks.Should().Equal(["monitoring"], "thick Multus always had a clusterNetwork, so its defaultNetworks applied");
        back.Plugin.MultusNamespace.Should().Be("multus-nets");
        back.Plugin.ConfDir.Should().Be("/etc/cni/multus/net.d");
        back.Plugin.CniDir.Should().Be("/var/lib/cni/multinet");
        back.Plugin.Raw["multusCniDir"]!.GetValue<string>().Should().Be("/var/lib/cni/multus");
        back.Plugin.LogFile.Should().BeNull("Multus's daemon-config logFile is the daemon's own log");
        ((string)run.Config["logFile"]!).Should().Be("/tmp/multus.log");
        back.Plugin.LogToStderr.Should().BeFalse();
        run.Findings.Should().Contain([
            ("metricsPort", "changed"), ("perNodeCertificate.enabled", "not carried over"), ("connectionLimit", "changed"),
            ("logToStderr", "changed"), ("cniDir", "changed"), ("retryDeleteOnError", "not needed"),
            ("readinessindicatorfile", "changed")]);
        run.Findings.Should().NotContain(f => f.Key == "defaultNetworks");
        ((string)run.Config["metricsAddress"]!).Should().Be("0.0.0.0:9595", "the address deploy/thick's probes use");
        run.Message("metricsPort", "changed").Should().Contain("instead of 9091");
    }

    [Fact]
    public void Migrate_ChrootDirElsewhere_IsKeptAndSaysWhereDeployThickMountsTheHostRoot()
    {
        var multus = JsonNode.Parse(MultusConfigs.ThickDaemonset)!.AsObject();
        multus["chrootDir"] = "/rootfs";

        var run = Run(_dir, "daemon-config.json", multus.ToJsonString(), "-o", "json");

        run.ExitCode.Should().Be(0, run.ToString());
        DaemonJsonReadBack.From(run.Config, _dir).Plugin.DaemonSocketDir.Should().Be("/run/multinet");
        ((string)run.Config["chrootDir"]!).Should().Be("/rootfs");
        run.Message("chrootDir", "changed").Should().Contain("/hostroot");
    }

    [Theory]
    [InlineData("/host/etc/cni/net.d/10-calico.conflist", 0, "changed")]
    [InlineData("/host/etc/cni/net.d", 0, "not needed")]
    [InlineData("calico-nad", 1, "not carried over")]
    [InlineData("/opt/other-configs", 1, "not carried over")]
    public void Migrate_ThickClusterNetwork_BecomesThePrimaryConfigWhenItIsAFile(string clusterNetwork, int exit, string kind)
    {
        var multus = new JsonObject
        {
            ["cniConfigDir"] = "/host/etc/cni/net.d",
            ["multusConfigFile"] = "auto",
            ["clusterNetwork"] = clusterNetwork,
        };

        var run = Run(_dir, "daemon-config.json", multus.ToJsonString(), "-o", "json");

        run.ExitCode.Should().Be(exit, run.ToString());
        run.Findings.Should().Contain(("clusterNetwork", kind));
        var back = DaemonJsonReadBack.From(run.Config, _dir);
        back.CniConfig.PrimaryConfigName.Should().Be(clusterNetwork.EndsWith(".conflist", StringComparison.Ordinal) ? "/etc/cni/net.d/10-calico.conflist" : null);
        back.CniConfig.ExtraKeys!.ContainsKey("clusterNetwork").Should().BeFalse();
    }

    [Fact]
    public void Migrate_ThickWithConfigFileInsteadOfAuto_StopsGenerationAndSaysWhatToInstall()
    {
        var run = Run(_dir, "daemon-config.json", """{"multusConfigFile": "/tmp/multus-conf/70-multus.conf", "cniConfigDir": "/host/etc/cni/net.d"}""", "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        ((bool)run.Config["cniConfig"]!["generate"]!).Should().BeFalse();
        run.Message("multusConfigFile", "not carried over").Should().Contain("multinetctl migrate");
    }

    [Fact]
    public void Migrate_HostPrefixOption_ReplacesTheDefaults()
    {
        var run = Run(_dir, "daemon-config.json", """{"cniConfigDir": "/node/etc/cni/net.d", "multusConfigFile": "auto"}""", "-o", "json", "--host-prefix", "/node");

        run.ExitCode.Should().Be(0, run.ToString());
        ((string)run.Config["cniConfig"]!["confDir"]!).Should().Be("/etc/cni/net.d");
    }
}
