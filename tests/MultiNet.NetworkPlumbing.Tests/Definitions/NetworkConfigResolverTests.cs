using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Definitions;

public sealed class NetworkConfigResolverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static NetworkAttachmentDefinition Nad(string? config, string name = "macvlan-a") =>
        new() { Namespace = "team-a", Name = name, Config = config };

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public void Resolve_SpecConfigConf_OnePluginList(string version)
    {
        string config = $$$"""{"cniVersion":"{{{version}}}","name":"macvlan-a","type":"macvlan","master":"eth0","ipam":{"type":"static"}}""";

        var list = NetworkConfigResolver.Resolve(Nad(config), _dir.Path);

        list.Name.Should().Be("macvlan-a");
        list.CniVersion.Should().Be(version);
        list.IsSingleConf.Should().BeTrue();
        list.Plugins.Should().ContainSingle().Which["master"]!.GetValue<string>().Should().Be("eth0");
    }

    [Fact]
    public void Resolve_SpecConfigConflist_AllPlugins()
    {
        string config = """
            {"cniVersion":"1.0.0","name":"br","plugins":[
              {"type":"bridge","bridge":"br0","ipam":{"type":"host-local","subnet":"10.9.0.0/24"}},
              {"type":"tuning","sysctl":{"net.ipv4.conf.IFNAME.arp_notify":"1"}}]}
            """;

        var list = NetworkConfigResolver.Resolve(Nad(config, "br"), _dir.Path);

        list.Name.Should().Be("br");
        list.IsSingleConf.Should().BeFalse();
        list.Plugins.Select(p => p["type"]!.GetValue<string>()).Should().Equal("bridge", "tuning");
    }

    [Theory]
    [InlineData("""{"cniVersion":"0.3.1","type":"macvlan"}""")]
    [InlineData("""{"cniVersion":"0.3.1","name":"","type":"macvlan"}""")]
    [InlineData("""{"cniVersion":"0.3.1","name":null,"type":"macvlan"}""")]
    [InlineData("""{"cniVersion":"1.0.0","plugins":[{"type":"macvlan"}]}""")]
    public void Resolve_ConfigWithoutName_NadNameInjected(string config)
    {
        NetworkConfigResolver.Resolve(Nad(config), _dir.Path).Name.Should().Be("macvlan-a");
    }

    [Fact]
    public void Resolve_ConfigWithOtherName_KeptAsIs()
    {
        // The spec only recommends that the CNI name match the NAD name.
        NetworkConfigResolver.Resolve(Nad("""{"cniVersion":"0.3.1","name":"other","type":"macvlan"}"""), _dir.Path)
            .Name.Should().Be("other");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"a string\"")]
    public void Resolve_SpecConfigNotAnObject_DecodeFailureWithContext(string config)
    {
        Action act = () => NetworkConfigResolver.Resolve(Nad(config), _dir.Path);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.DecodeFailure)
            .Which.Message.Should().StartWith("network \"team-a/macvlan-a\": spec.config: ");
    }

    [Fact]
    public void Resolve_SpecConfigWithoutType_InvalidConfigWithContext()
    {
        Action act = () => NetworkConfigResolver.Resolve(Nad("""{"cniVersion":"0.3.1","name":"x"}"""), _dir.Path);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidConfig)
            .Which.Message.Should().StartWith("network \"team-a/macvlan-a\": spec.config: ");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n")]
    public void Resolve_EmptyConfig_ReadsConfDir(string? config)
    {
        _dir.Write("10-macvlan.conf", """{"cniVersion":"0.4.0","name":"macvlan-a","type":"macvlan"}""");

        var list = NetworkConfigResolver.Resolve(Nad(config), _dir.Path);

        list.Name.Should().Be("macvlan-a");
        list.Plugins.Single()["type"]!.GetValue<string>().Should().Be("macvlan");
    }

    [Fact]
    public void FindInConfDir_ConflistAndConf_ConflistPreferredEvenWhenSortedLater()
    {
        _dir.Write("00-a.conf", """{"cniVersion":"0.4.0","name":"net","type":"from-conf"}""");
        _dir.Write("99-z.conflist", """{"cniVersion":"0.4.0","name":"net","plugins":[{"type":"from-conflist"}]}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net")!.Plugins.Single()["type"]!.GetValue<string>()
            .Should().Be("from-conflist");
    }

    [Fact]
    public void FindInConfDir_SeveralMatches_FirstByFileName()
    {
        _dir.Write("20-b.json", """{"cniVersion":"0.4.0","name":"net","type":"second"}""");
        _dir.Write("10-a.conf", """{"cniVersion":"0.4.0","name":"net","type":"first"}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net")!.Plugins.Single()["type"]!.GetValue<string>().Should().Be("first");
    }

    [Fact]
    public void FindInConfDir_NonMatchingInvalidAndOtherFiles_Skipped()
    {
        _dir.Write("00-broken.conflist", "{ this is not json");
        _dir.Write("01-array.conf", "[1]");
        _dir.Write("02-other.conflist", """{"cniVersion":"0.4.0","name":"other","plugins":[{"type":"bridge"}]}""");
        _dir.Write("03-noname.conf", """{"cniVersion":"0.4.0","type":"bridge"}""");
        _dir.Write("04-numbername.conf", """{"cniVersion":"0.4.0","name":5,"type":"bridge"}""");
        _dir.Write("05-dup.conf", """{"name":"net","name":"net","type":"dup"}""");
        _dir.Write("net.txt", """{"cniVersion":"0.4.0","name":"net","type":"wrong-extension"}""");
        _dir.Write("06-NET.conf", """{"cniVersion":"0.4.0","name":"NET","type":"wrong-case"}""");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "07-dir.conf"));
        _dir.Write("50-net.conf", """{"cniVersion":"0.4.0","name":"net","type":"right"}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net")!.Plugins.Single()["type"]!.GetValue<string>().Should().Be("right");
    }

    [Fact]
    public void FindInConfDir_MatchingButInvalidFileBeforeValidOne_ValidOneUsed()
    {
        _dir.Write("00-net.conflist", """{"cniVersion":"0.4.0","name":"net","plugins":[]}""");
        _dir.Write("10-net.conf", """{"cniVersion":"0.4.0","name":"net","type":"ok"}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net")!.Plugins.Single()["type"]!.GetValue<string>().Should().Be("ok");
    }

    [Fact]
    public void Resolve_OnlyAnInvalidMatchingFile_ReportsThatFile()
    {
        string path = _dir.Write("00-net.conf", """{"cniVersion":"0.4.0","name":"macvlan-a"}""");

        Action act = () => NetworkConfigResolver.Resolve(Nad(null), _dir.Path);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidConfig)
            .Which.Message.Should().StartWith($"network \"team-a/macvlan-a\": file \"{path}\": ");
    }

    [Fact]
    public void FindInConfDir_NoMatch_Null()
    {
        _dir.Write("10-x.conf", """{"cniVersion":"0.4.0","name":"x","type":"bridge"}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net").Should().BeNull();
    }

    [Fact]
    public void FindInConfDir_MissingDirectory_Null()
    {
        NetworkConfigResolver.FindInConfDir(Path.Combine(_dir.Path, "absent"), "net").Should().BeNull();
    }

    [Fact]
    public void Resolve_EmptyConfigAndNoFile_NetworkNotFound()
    {
        _dir.Write("10-x.conf", """{"cniVersion":"0.4.0","name":"x","type":"bridge"}""");

        Action act = () => NetworkConfigResolver.Resolve(Nad(null), _dir.Path);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.NetworkNotFound)
            .Which.Message.Should().Be(
                $"network \"team-a/macvlan-a\": no config in spec.config and no file in {_dir.Path} with \"name\": \"macvlan-a\"");
    }

    [Fact]
    public void FindInConfDir_UnreadableEntries_Skipped()
    {
        // Root reads any regular file, so unreadable entries are made of links: one dangling, one to a directory.
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "00-dangling.conflist"), Path.Combine(_dir.Path, "absent"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "01-dir.conflist"), Path.GetTempPath());
        _dir.Write("10-net.conf", """{"cniVersion":"0.4.0","name":"net","type":"readable"}""");

        NetworkConfigResolver.FindInConfDir(_dir.Path, "net")!.Plugins.Single()["type"]!.GetValue<string>().Should().Be("readable");
    }
}
