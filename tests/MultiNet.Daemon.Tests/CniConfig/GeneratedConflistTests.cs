using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Config;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

public sealed class GeneratedConflistTests : IDisposable
{
    private readonly NodeFolders _node = new();

    public void Dispose() => _node.Dispose();

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public void Build_Thick_CarriesVersionSocketAndPrimaryPath(string cniVersion)
    {
        var path = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", cniVersion,
            """{"type": "bridge"}""", """{"type": "portmap", "capabilities": {"portMappings": true}}"""));
        var primary = PrimaryConfigFinder.Find(_node.Options()).Primary!;

        var list = Parse(GeneratedConflist.Build(primary, _node.Options()));

        list["cniVersion"]!.GetValue<string>().Should().Be(cniVersion);
        list["name"]!.GetValue<string>().Should().Be("multinet-cni-network");
        var plugin = list["plugins"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        plugin["type"]!.GetValue<string>().Should().Be("multinet");
        plugin["clusterNetwork"]!.GetValue<string>().Should().Be(path);
        plugin["daemonSocketDir"]!.GetValue<string>().Should().Be(_node.SocketDir);
        plugin.ContainsKey("kubeconfig").Should().BeFalse();
        plugin["capabilities"]!.ToJsonString().Should().Be("""{"portMappings":true}""");
    }

    [Fact]
    public void Build_Thin_HasKubeconfigAndReadinessButNoSocket()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        var options = _node.Options(CniConfigMode.Thin) with { ReadinessIndicatorFile = "/run/flannel/subnet.env" };

        var plugin = Parse(GeneratedConflist.Build(PrimaryConfigFinder.Find(options).Primary!, options))["plugins"]![0]!.AsObject();

        plugin["kubeconfig"]!.GetValue<string>().Should().Be(options.KubeconfigPath);
        plugin["readinessindicatorfile"]!.GetValue<string>().Should().Be("/run/flannel/subnet.env");
        plugin.ContainsKey("daemonSocketDir").Should().BeFalse();
        plugin.ContainsKey("capabilities").Should().BeFalse("the primary declares none");
    }

    [Fact]
    public void Build_ExtraKeysAndCniVersions_AreCarried()
    {
        _node.WriteConfig("10-net.conflist",
            """{"cniVersion": "1.0.0", "cniVersions": ["1.0.0", "1.1.0"], "name": "net", "plugins": [{"type": "bridge"}]}""");
        var options = _node.Options() with
        {
            ExtraKeys = new JsonObject { ["namespaceIsolation"] = true, ["globalNamespaces"] = "default,shared", ["logLevel"] = "debug" },
        };

        var list = Parse(GeneratedConflist.Build(PrimaryConfigFinder.Find(options).Primary!, options));

        list["cniVersions"]!.ToJsonString().Should().Be("""["1.0.0","1.1.0"]""");
        var plugin = list["plugins"]![0]!;
        plugin["namespaceIsolation"]!.GetValue<bool>().Should().BeTrue();
        plugin["globalNamespaces"]!.GetValue<string>().Should().Be("default,shared");
        plugin["logLevel"]!.GetValue<string>().Should().Be("debug");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_Output_IsWhatThePluginAndRuntimeAccept(bool thin)
    {
        var mode = thin ? CniConfigMode.Thin : CniConfigMode.Thick;
        var primaryPath = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        var options = _node.Options(mode);
        var bytes = GeneratedConflist.Build(PrimaryConfigFinder.Find(options).Primary!, options);

        // The runtime reads it as a conflist, then hands the plugin entry with name and cniVersion injected.
        var list = NetworkConfigList.Parse(Encoding.UTF8.GetString(bytes));
        var stdin = (JsonObject)list.Plugins[0].DeepClone();
        stdin["name"] = list.Name;
        stdin["cniVersion"] = list.CniVersion;
        var config = MultiNetConfigParser.Parse(stdin);

        config.ClusterNetwork.Should().Be(primaryPath);
        NetworkConfigList.Parse(File.ReadAllText(config.ClusterNetwork!)).Name.Should().Be("net");
        if (mode == CniConfigMode.Thick)
        {
            config.DaemonSocketDir.Should().Be(_node.SocketDir);
        }
        else
        {
            config.Kubeconfig.Should().Be(options.KubeconfigPath);
        }
    }

    [Theory]
    [InlineData("capabilities")]
    [InlineData("clusterNetwork")]
    [InlineData("type")]
    public void Validated_ExtraKeyWeWrite_IsRefusedNamingIt(string key)
    {
        var options = _node.Options() with { ExtraKeys = new JsonObject { [key] = "x" } };

        var act = () => options.Validated();

        act.Should().Throw<ArgumentException>().WithMessage($"*\"{key}\"*");
    }

    [Fact]
    public void Validated_ThinWithoutKubeconfig_IsRefused()
    {
        var act = () => (_node.Options() with { Mode = CniConfigMode.Thin }).Validated();

        act.Should().Throw<ArgumentException>().WithMessage("*kubeconfig*");
    }

    private static JsonObject Parse(byte[] bytes)
    {
        bytes[^1].Should().Be((byte)'\n');
        return JsonNode.Parse(bytes)!.AsObject();
    }
}
