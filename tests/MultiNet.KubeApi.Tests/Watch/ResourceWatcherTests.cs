using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.KubeApi.Watch;
using MultiNet.Testing.ApiServer;

namespace MultiNet.KubeApi.Tests.Watch;

/// <summary>The list/watch loop against the stand-in: events, bookmarks, 410 Gone, disconnects, API restarts.</summary>
public sealed class ResourceWatcherTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("watch-");
    private readonly RecordingSink _sink = new();
    private readonly CancellationTokenSource _stop = new();
    private KubeApiStandIn _api = null!;
    private ApiTransport _transport = null!;
    private ResourceWatcher<PodWire> _watcher = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _api.AddPod("ns1", "mine", nodeName: "node-1");
        _api.AddPod("ns1", "other", nodeName: "node-2");
        var endpoint = KubeconfigFile.Load(_api.WriteKubeconfig(_dir.FullName));
        _transport = new ApiTransport(endpoint, new ThinApiClientOptions { MaxAttempts = 1 }, TimeProvider.System, NullLogger.Instance);
        var options = new ResourceWatcherOptions { InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) };
        _watcher = new ResourceWatcher<PodWire>(_transport, WatchTarget.PodsOnNode("node-1"), _sink,
            ThinApiJsonContext.Default.ListWirePodWire, ThinApiJsonContext.Default.PodWire, options, TimeProvider.System, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
        _transport.Dispose();
        await _api.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Run_InitialList_HoldsOnlyThisNodesPodsAndWatchesWithBookmarks()
    {
        await StartAsync();

        _sink.Keys.Should().Equal("ns1/mine");
        _watcher.HasSynced.Should().BeTrue();
        var watch = _api.Requests.First(r => r.Verb == "watch");
        watch.Query.Should().Contain("allowWatchBookmarks=true").And.Contain("fieldSelector=spec.nodeName%3Dnode-1").And.Contain("resourceVersion=");
    }

    [Fact]
    public async Task Run_AddedModifiedDeleted_AreApplied()
    {
        await StartAsync();

        _api.AddPod("ns2", "new", nodeName: "node-1");
        _api.SetPodAnnotation("ns1", "mine", "k8s.v1.cni.cncf.io/networks", "net-a");
        _api.AddPod("ns2", "elsewhere", nodeName: "node-2");
        await EventuallyAsync(() => _sink.Keys.SequenceEqual(["ns1/mine", "ns2/new"]) && _sink.Annotation("ns1/mine", "k8s.v1.cni.cncf.io/networks") == "net-a");
        _api.DeletePod("ns2", "new");
        await EventuallyAsync(() => _sink.Keys.SequenceEqual(["ns1/mine"]));

        _watcher.Lists.Should().Be(1, "events alone need no relist");
    }

    [Fact]
    public async Task Run_BookmarksOnly_KeepTheWatchWithoutRelisting()
    {
        await StartAsync();

        // The stand-in sends a bookmark every second on a quiet watch.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        _watcher.Failures.Should().Be(0);
        _watcher.Lists.Should().Be(1);
        _api.AddPod("ns3", "after-bookmarks", nodeName: "node-1");
        await EventuallyAsync(() => _sink.Keys.Contains("ns3/after-bookmarks"));
    }

    [Fact]
    public async Task Run_ApiRestartedAndHistoryCompacted_Gets410AndRelists()
    {
        await StartAsync();

        await _api.StopAsync();
        _api.AddPod("ns4", "while-down", nodeName: "node-1");
        _api.DeletePod("ns1", "mine");
        _api.CompactHistory();
        await _api.RestartAsync();

        await EventuallyAsync(() => _sink.Keys.SequenceEqual(["ns4/while-down"]));
        _watcher.Lists.Should().Be(2, "the old resourceVersion expired: 410 Gone, then one relist");
        _watcher.Failures.Should().BeGreaterThan(0, "the stand-in was down for a moment");
    }

    [Fact]
    public async Task Run_ConnectionDropped_ResumesFromLastVersionWithoutRelist()
    {
        await StartAsync();

        await _api.RestartAsync();
        _api.AddPod("ns5", "after-restart", nodeName: "node-1");

        await EventuallyAsync(() => _sink.Keys.Contains("ns5/after-restart"));
        _watcher.Lists.Should().Be(1, "the version is still known to the server: the watch resumes");
    }

    [Fact]
    public async Task Run_ListRefused_RetriesUntilItSucceeds()
    {
        _api.FailNext(3, 500, "/pods");
        await StartAsync();

        _sink.Keys.Should().Equal("ns1/mine");
        _watcher.Failures.Should().Be(3);
    }

    private async Task StartAsync()
    {
        _running = _watcher.RunAsync(_stop.Token);
        await _watcher.Synced.WaitAsync(TimeSpan.FromSeconds(10));
        await _api.WaitForWatchesAsync(1, TimeSpan.FromSeconds(10));
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the watch should have caught up by now");
            await Task.Delay(10);
        }
    }
}
