using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.KubeApi;
using MultiNet.KubeApi.Watch;

namespace MultiNet.Daemon.Caches;

/// <summary>Runs the two watches (this node's pods, every NAD) for the daemon's lifetime.</summary>
internal sealed class CacheWatchService : BackgroundService
{
    private readonly ApiTransport _transport;

    public CacheWatchService(ApiEndpoint endpoint, string nodeName, NadCache nads, ILoggerFactory loggers, TimeProvider time)
    {
        Nads = nads;
        var logger = loggers.CreateLogger("MultiNet.Daemon.Watch");
        // Retries of a LIST are the watcher's (with backoff), so one attempt per call here.
        _transport = new ApiTransport(endpoint, new ThinApiClientOptions { RequestTimeout = TimeSpan.FromSeconds(60), MaxAttempts = 1 }, time, logger);
        var options = new ResourceWatcherOptions();
        PodWatcher = new ResourceWatcher<PodWire>(_transport, WatchTarget.PodsOnNode(nodeName), Pods,
            ThinApiJsonContext.Default.ListWirePodWire, ThinApiJsonContext.Default.PodWire, options, time, logger);
        NadWatcher = new ResourceWatcher<NadWire>(_transport, WatchTarget.NetworkAttachmentDefinitions, nads,
            ThinApiJsonContext.Default.ListWireNadWire, ThinApiJsonContext.Default.NadWire, options, time, logger);
    }

    public PodCache Pods { get; } = new();

    public NadCache Nads { get; }

    public ResourceWatcher<PodWire> PodWatcher { get; }

    public ResourceWatcher<NadWire> NadWatcher { get; }

    /// <summary>Null when both caches have listed once; else what is missing.</summary>
    public string? NotSynced() => (PodWatcher.HasSynced, NadWatcher.HasSynced) switch
    {
        (true, true) => null,
        (false, true) => "the pod cache has not synced yet",
        (true, false) => "the NetworkAttachmentDefinition cache has not synced yet",
        _ => "the pod and NetworkAttachmentDefinition caches have not synced yet",
    };

    public override void Dispose()
    {
        _transport.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(PodWatcher.RunAsync(stoppingToken), NadWatcher.RunAsync(stoppingToken));
}
