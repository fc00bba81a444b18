using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

public sealed class PrimaryConfigFinderTests : IDisposable
{
    private readonly NodeFolders _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Find_SeveralConfigs_TakesFirstByByteOrderOfName()
    {
        _node.WriteConfig("20-b.conflist", NodeFolders.Conflist("b", "1.0.0", """{"type": "bridge"}"""));
        var first = _node.WriteConfig("10-a.conf", NodeFolders.Conf("a", "0.4.0"));
        _node.WriteConfig("10-a.conflist", NodeFolders.Conflist("a2", "1.0.0", """{"type": "bridge"}"""));
        _node.WriteConfig("Z-upper.conf", NodeFolders.Conf("z", "0.4.0"));

        var selection = PrimaryConfigFinder.Find(_node.Options());

        // "1" < "2" < "Z" in byte order, and "10-a.conf" is a prefix of "10-a.conflist".
        selection.Primary!.Path.Should().Be(first);
        selection.Primary.CniVersion.Should().Be("0.4.0");
    }

    [Fact]
    public void Find_JsonExtension_IsACandidate_OtherExtensionsAreNot()
    {
        _node.WriteConfig("05-notes.txt", "not a config");
        _node.WriteConfig("06-backup.conf.bak", NodeFolders.Conf("bak", "1.0.0"));
        var json = _node.WriteConfig("10-net.json", NodeFolders.Conf("net", "1.0.0"));

        PrimaryConfigFinder.Find(_node.Options()).Primary!.Path.Should().Be(json);
    }

    [Fact]
    public void Find_OurFileAndMetaPlugins_AreSkipped()
    {
        _node.WriteConfig("00-multinet.conflist", NodeFolders.Conflist("multinet-cni-network", "1.0.0", """{"type": "multinet"}"""));
        _node.WriteConfig("00-multus.conf", NodeFolders.Conf("multus-cni-network", "0.3.1", "multus"));
        _node.WriteConfig("01-other-multinet.conflist", NodeFolders.Conflist("x", "1.0.0", """{"type": "multinet"}"""));
        var primary = _node.WriteConfig("10-flannel.conflist", NodeFolders.Conflist("cbr0", "0.3.1", """{"type": "flannel"}"""));

        var selection = PrimaryConfigFinder.Find(_node.Options());

        selection.Primary!.Path.Should().Be(primary);
        selection.Skipped.Should().HaveCount(2).And.Contain(s => s.Contains("00-multus.conf") && s.Contains("\"multus\""));
    }

    [Fact]
    public void Find_FirstCandidateInvalidJson_IsInvalidNamingTheFile()
    {
        var broken = _node.WriteConfig("10-broken.conf", "{\"cniVersion\": \"1.0.0\", \"name\": ");
        _node.WriteConfig("20-good.conf", NodeFolders.Conf("good", "1.0.0"));

        var selection = PrimaryConfigFinder.Find(_node.Options());

        selection.Primary.Should().BeNull();
        selection.Problem.Should().Be(PrimaryProblem.Invalid);
        selection.Reason.Should().Contain(broken).And.Contain("not valid JSON");
    }

    [Fact]
    public void Find_FirstCandidateWithoutType_IsInvalidNamingTheField()
    {
        var path = _node.WriteConfig("10-notype.conf", """{"cniVersion": "1.0.0", "name": "x"}""");

        var selection = PrimaryConfigFinder.Find(_node.Options());

        selection.Problem.Should().Be(PrimaryProblem.Invalid);
        selection.Reason.Should().Contain(path).And.Contain("type");
    }

    [Fact]
    public void Find_NoCandidate_IsNoPrimary()
    {
        _node.WriteConfig("00-multinet.conflist", NodeFolders.Conflist("multinet-cni-network", "1.0.0", """{"type": "multinet"}"""));

        var selection = PrimaryConfigFinder.Find(_node.Options());

        selection.Problem.Should().Be(PrimaryProblem.NoPrimary);
        selection.Reason.Should().Contain(_node.ConfDir);
    }

    [Fact]
    public void Find_ConfDirMissing_SaysSo()
    {
        var options = _node.Options() with { ConfDir = Path.Combine(_node.Root, "absent") };

        var selection = PrimaryConfigFinder.Find(options);

        selection.Problem.Should().Be(PrimaryProblem.ConfDirMissing);
        selection.Reason.Should().Contain("absent").And.Contain("does not exist");
    }

    [Fact]
    public void Find_NamedPrimary_WinsOverOrder()
    {
        _node.WriteConfig("10-a.conf", NodeFolders.Conf("a", "1.0.0"));
        var named = _node.WriteConfig("50-named.conflist", NodeFolders.Conflist("named", "1.1.0", """{"type": "ptp"}"""));

        PrimaryConfigFinder.Find(_node.Options() with { PrimaryConfigName = "50-named.conflist" }).Primary!.Path.Should().Be(named);
        PrimaryConfigFinder.Find(_node.Options() with { PrimaryConfigName = named }).Primary!.Path.Should().Be(named);
    }

    [Fact]
    public void Find_NamedPrimaryMissing_IsNoPrimaryNamingIt()
    {
        _node.WriteConfig("10-a.conf", NodeFolders.Conf("a", "1.0.0"));

        var selection = PrimaryConfigFinder.Find(_node.Options() with { PrimaryConfigName = "99-gone.conf" });

        selection.Problem.Should().Be(PrimaryProblem.NoPrimary);
        selection.Reason.Should().Contain("99-gone.conf");
    }

    [Fact]
    public void Find_Capabilities_AreTheUnionOfEnabledOnes()
    {
        _node.WriteConfig("10-chain.conflist", NodeFolders.Conflist("chain", "1.0.0",
            """{"type": "bridge", "capabilities": {"ips": true, "mac": false}}""",
            """{"type": "portmap", "capabilities": {"portMappings": true}}""",
            """{"type": "bandwidth", "capabilities": {"bandwidth": true, "ips": true}}"""));

        PrimaryConfigFinder.Find(_node.Options()).Primary!.Capabilities.Should().Equal("bandwidth", "ips", "portMappings");
    }

    [Fact]
    public void Find_SingleConfCapabilities_AreKept()
    {
        _node.WriteConfig("10-one.conf", """{"cniVersion": "0.3.1", "name": "one", "type": "ptp", "capabilities": {"portMappings": true}}""");

        PrimaryConfigFinder.Find(_node.Options()).Primary!.Capabilities.Should().Equal("portMappings");
    }
}
