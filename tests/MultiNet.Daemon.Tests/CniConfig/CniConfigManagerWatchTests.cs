using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Tests.CniConfig;

/// <summary>
/// <see cref="CniConfigManager.RunAsync"/> in the background with a rescan period far longer than any wait here, so
/// every change below is seen through the folder watch.
/// </summary>
public sealed class CniConfigManagerWatchTests : IAsyncLifetime
{
    private readonly NodeFolders _node = new();
    private readonly LogCapture _log = new();
    private readonly CancellationTokenSource _stop = new();
    private CniConfigManager? _manager;
    private Task? _run;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        _manager?.Dispose();
        _stop.Dispose();
        _node.Dispose();
    }

    [Fact]
    public async Task RunAsync_PrimaryChanges_Regenerates()
    {
        var primary = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "0.4.0", """{"type": "bridge"}"""));
        Start(_node.Options());
        (await Poll.UntilAsync(() => GeneratedVersion() == "0.4.0")).Should().BeTrue();

        File.WriteAllText(primary, NodeFolders.Conflist("net", "1.0.0",
            """{"type": "bridge"}""", """{"type": "bandwidth", "capabilities": {"bandwidth": true}}"""));

        (await Poll.UntilAsync(() => GeneratedVersion() == "1.0.0")).Should().BeTrue(_log.Text);
        Generated()!["plugins"]![0]!["capabilities"]!["bandwidth"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_EarlierPrimaryAppears_SwitchesToIt()
    {
        _node.WriteConfig("20-late.conf", NodeFolders.Conf("late", "1.0.0"));
        Start(_node.Options());
        (await Poll.UntilAsync(() => ClusterNetwork()?.EndsWith("20-late.conf", StringComparison.Ordinal) == true)).Should().BeTrue();

        var early = _node.WriteConfig("10-early.conf", NodeFolders.Conf("early", "1.0.0"));

        (await Poll.UntilAsync(() => ClusterNetwork() == early)).Should().BeTrue(_log.Text);
    }

    [Fact]
    public async Task RunAsync_PrimaryAppearsAndDisappears_FollowsIt()
    {
        Start(_node.Options());
        (await Poll.UntilAsync(() => _manager!.NotReadyReason?.Contains("no primary", StringComparison.Ordinal) == true)).Should().BeTrue();
        File.Exists(_node.Generated).Should().BeFalse();

        var primary = _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        (await Poll.UntilAsync(() => File.Exists(_node.Generated) && _manager!.NotReadyReason is null)).Should().BeTrue(_log.Text);

        File.Delete(primary);
        (await Poll.UntilAsync(() => !File.Exists(_node.Generated) && _manager!.NotReadyReason is not null)).Should().BeTrue(_log.Text);
    }

    [Fact]
    public async Task RunAsync_OurFileDeletedBySomeoneElse_IsWrittenAgain()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        Start(_node.Options());
        (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue();

        File.Delete(_node.Generated);

        (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue(_log.Text);
    }

    [Fact]
    public async Task RunAsync_ReadinessFileComesAndGoes_WritesAndRemoves()
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        var readinessDir = Path.Combine(_node.Root, "run", "flannel");
        Directory.CreateDirectory(readinessDir);
        var readiness = Path.Combine(readinessDir, "subnet.env");
        Start(_node.Options() with { ReadinessIndicatorFile = readiness });
        (await Poll.UntilAsync(() => _manager!.NotReadyReason?.Contains(readiness, StringComparison.Ordinal) == true)).Should().BeTrue();
        File.Exists(_node.Generated).Should().BeFalse();

        File.WriteAllText(readiness, "FLANNEL_MTU=1450\n");
        (await Poll.UntilAsync(() => File.Exists(_node.Generated) && _manager!.NotReadyReason is null)).Should().BeTrue(_log.Text);

        File.Delete(readiness);
        (await Poll.UntilAsync(() => !File.Exists(_node.Generated))).Should().BeTrue(_log.Text);
        _manager!.NotReadyReason.Should().Contain(readiness);
    }

    [Fact]
    public async Task RunAsync_ConfDirCreatedLater_IsPickedUpByTheRescan()
    {
        Directory.Delete(_node.ConfDir, recursive: true);
        Start(_node.Options() with { RescanInterval = TimeSpan.FromMilliseconds(200) });
        (await Poll.UntilAsync(() => _manager!.NotReadyReason?.Contains("does not exist", StringComparison.Ordinal) == true)).Should().BeTrue();

        Directory.CreateDirectory(_node.ConfDir);
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));

        (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue(_log.Text);
    }

    [Theory]
    [InlineData("always", null, false)]
    [InlineData("never", null, true)]
    [InlineData("uninstall", true, false)]
    [InlineData("uninstall", false, true)]
    [InlineData("uninstall", null, false)]
    public async Task RunAsync_Stopped_RemovesOursAsThePolicySays(string removal, bool? uninstalling, bool kept)
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        var signal = uninstalling is { } answer ? new FixedUninstallSignal(answer) : null;
        Start(_node.Options() with { Removal = ConfigRemovalNames.TryParse(removal)!.Value }, signal);
        (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue();

        await _stop.CancelAsync();
        await _run!;

        File.Exists(_node.Generated).Should().Be(kept, _log.Text);
        _manager!.NotReadyReason.Should().Be("stopped");
        signal?.Asked.Should().Be(1);
        _log.Text.Should().Contain(kept ? "kept" : "removed");
    }

    private void Start(CniConfigOptions options, IUninstallSignal? uninstall = null)
    {
        _manager = new CniConfigManager(options.RescanInterval == new CniConfigOptions().RescanInterval
            ? options with { RescanInterval = TimeSpan.FromMinutes(10) }
            : options, _log, uninstall);
        _run = _manager.RunAsync(_stop.Token);
    }

    private JsonNode? Generated()
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(_node.Generated));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private string? GeneratedVersion() => Generated()?["cniVersion"]?.GetValue<string>();

    private string? ClusterNetwork() => Generated()?["plugins"]?[0]?["clusterNetwork"]?.GetValue<string>();
}
