using FluentAssertions;
using MultiNet.Cli.Tests.Commands;
using static MultiNet.Cli.Tests.Migrate.MigrateRun;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>Input <c>migrate</c> cannot use: exit 2, nothing on stdout, and a message naming the file and the field.</summary>
public sealed class MigrateInputErrorTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("""{"type": "multus", "delegates": [""", "not valid JSON")]
    [InlineData("""[{"type": "multus"}]""", "expected a JSON object")]
    [InlineData("""{"cniVersion": "1.0.0", "name": "br", "type": "bridge"}""", "field \"type\": \"bridge\" is not a Multus plugin")]
    [InlineData("""{"cniVersion": "1.0.0", "name": "x", "type": "multinet", "clusterNetwork": "a"}""", "field \"type\": is \"multinet\": this is a MultiNet config already")]
    [InlineData("""{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "multinet", "clusterNetwork": "a"}]}""", "field \"plugins[0].type\": is \"multinet\"")]
    [InlineData("""{"cniVersion": "1.0.0", "name": "x", "plugins": [{"type": "bridge"}, {"type": "portmap"}]}""", "field \"plugins\": no plugin of type \"multus\"")]
    [InlineData("""{"cniVersion": "1.0.0", "name": "x", "plugins": [{"bridge": "cni0"}]}""", "field \"plugins[0].type\": expected a non-empty string")]
    [InlineData("""{"socketDir": "/run/multinet", "cniConfig": {"confDir": "/etc/cni/net.d"}}""", "field \"cniConfig\": is a key of multinetd's daemon.json")]
    [InlineData("""{"apiVersion": "v1", "kind": "ConfigMap"}""", "no \"type\" and none of thick Multus's daemon-config.json keys")]
    [InlineData("""{"type": "multus", "cniVersion": "0.3.1", "clusterNetwork": "a", "globalNamespaces": 5}""", "refused by multinet: network config: field \"globalNamespaces\"")]
    [InlineData("""{"type": "multus", "cniVersion": "0.3.1"}""", "one of \"clusterNetwork\" or \"delegates\" is required")]
    public void Migrate_InputThatIsNotAUsableMultusConfig_Exits2NamingTheField(string content, string expected)
    {
        var file = _dir.Write("00-multus.conf", content);

        var run = RunArgs("migrate", file);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Run.Stdout.Should().BeEmpty();
        run.Run.Stderr.Should().StartWith($"multinetctl: \"{file}\": ").And.Contain(expected);
    }

    [Fact]
    public void Migrate_MissingFile_Exits2NamingIt()
    {
        var missing = Path.Join(_dir.Path, "nope.conf");

        var run = RunArgs("migrate", missing);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Run.Stderr.Should().Contain($"\"{missing}\"");
    }

    [Theory]
    [InlineData]
    [InlineData("a.conf", "b.conf")]
    [InlineData("a.conf", "-o", "yaml")]
    public void Migrate_BadCommandLine_Exits2WithUsage(params string[] args)
    {
        var run = RunArgs(["migrate", .. args]);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Run.Stderr.Should().Contain("usage:").And.Contain("multinetctl migrate MULTUS-CONFIG");
    }

    [Fact]
    public void Help_ListsMigrate()
    {
        var run = RunArgs("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Run.Stdout.Should().Contain("migrate ");
    }
}
