using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

public sealed class CniConfigManagerTests : IDisposable
{
    private readonly NodeFolders _node = new();
    private readonly LogCapture _log = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Reconcile_Primary_WritesFile0644WithNoTempLeft()
    {
        _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        using var manager = new CniConfigManager(_node.Options(), _log);

        manager.Reconcile().Should().BeTrue();

        manager.NotReadyReason.Should().BeNull();
        File.GetUnixFileMode(_node.Generated).Should().Be(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        _node.TempFiles().Should().BeEmpty();
        _log.Text.Should().Contain("wrote").And.Contain("10-net.conflist");
    }

    [Fact]
    public void Reconcile_Unchanged_DoesNotRewrite()
    {
        _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        using var manager = new CniConfigManager(_node.Options(), _log);
        manager.Reconcile();
        var inode = Inode(_node.Generated);

        manager.Reconcile().Should().BeTrue();

        Inode(_node.Generated).Should().Be(inode, "an identical file is not replaced (no watch events, no churn)");
    }

    [Fact]
    public void Reconcile_PrimaryRemoved_RemovesOursAndIsNotReady()
    {
        var primary = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        using var manager = new CniConfigManager(_node.Options(), _log);
        manager.Reconcile();
        File.Delete(primary);

        manager.Reconcile().Should().BeFalse();

        File.Exists(_node.Generated).Should().BeFalse();
        manager.NotReadyReason.Should().Contain("no primary network config").And.Contain(_node.ConfDir);
    }

    [Fact]
    public void Reconcile_PrimaryInvalidJson_KeepsOursNotReadyNamingFileAndRecovers()
    {
        var primary = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        using var manager = new CniConfigManager(_node.Options(), _log);
        manager.Reconcile();
        File.WriteAllText(primary, "{ half written");

        manager.Reconcile().Should().BeFalse();

        manager.NotReadyReason.Should().Contain(primary).And.Contain("not valid JSON");
        _log.Text.Should().Contain(primary);
        File.Exists(_node.Generated).Should().BeTrue("a primary rewritten in place is briefly invalid; our file still points at it");

        File.WriteAllText(primary, NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        manager.Reconcile().Should().BeTrue();
        manager.NotReadyReason.Should().BeNull();
    }

    [Fact]
    public void Reconcile_ConfDirMissing_IsNotReadyAndDoesNotThrow()
    {
        Directory.Delete(_node.ConfDir, recursive: true);
        using var manager = new CniConfigManager(_node.Options(), _log);

        manager.Reconcile().Should().BeFalse();

        manager.NotReadyReason.Should().Contain(_node.ConfDir).And.Contain("does not exist");
    }

    [Fact]
    public void Reconcile_SocketDirMissing_WritesAnywayAndLogsIt()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        var socketDir = Path.Combine(_node.Root, "run", "not-yet");
        using var manager = new CniConfigManager(_node.Options() with { SocketDir = socketDir }, _log);

        manager.Reconcile().Should().BeTrue();

        JsonNode.Parse(File.ReadAllText(_node.Generated))!["plugins"]![0]!["daemonSocketDir"]!.GetValue<string>().Should().Be(socketDir);
        _log.Text.Should().Contain($"socket directory {socketDir} does not exist");
    }

    [Fact]
    public void Reconcile_ReadinessFileMissing_RemovesOursUntilItExists()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        var readiness = Path.Combine(_node.Root, "run", "ready");
        using var manager = new CniConfigManager(_node.Options() with { ReadinessIndicatorFile = readiness }, _log);
        File.WriteAllText(_node.Generated, "stale");

        manager.Reconcile().Should().BeFalse();
        File.Exists(_node.Generated).Should().BeFalse();
        manager.NotReadyReason.Should().Contain(readiness);

        File.WriteAllText(readiness, "");
        manager.Reconcile().Should().BeTrue();
        File.Exists(_node.Generated).Should().BeTrue();
    }

    [Fact]
    public void RemoveGeneratedConfig_Uninstall_RemovesOnlyOurs()
    {
        var primary = _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        using var manager = new CniConfigManager(_node.Options(), _log);
        manager.Reconcile();

        manager.RemoveGeneratedConfig("uninstall").Should().BeTrue();

        File.Exists(_node.Generated).Should().BeFalse();
        File.Exists(primary).Should().BeTrue();
        manager.RemoveGeneratedConfig("again").Should().BeFalse();
    }

    private static ulong Inode(string path) =>
        ulong.Parse(MultiNet.Testing.Node.Shell.Check("stat", "-c", "%i", path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
