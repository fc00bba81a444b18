using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Metrics;
using MultiNet.Kubernetes.Watch;
using System.Text.Json.Nodes;

namespace MultiNet.Controller.Caches;

/// <summary>Runs the list/watch loops that fill the NAD and pod caches, and tells <see cref="CacheReadiness"/> when they synced.</summary>
internal sealed class CacheWatchService : BackgroundService
{
    private readonly ListWatchLoop<JsonObject> _nads;
    private readonly ListWatchLoop<V1Pod> _pods;

    /// <summary>Creates both loops over <paramref name="client"/>.</summary>
    public CacheWatchService(IKubernetes client, NadCache nads, PodCache pods, CacheReadiness readiness, ControllerMetrics metrics,
        ILoggerFactory loggers, TimeProvider time)
    {
        ILogger logger = loggers.CreateLogger<CacheWatchService>();
        var nadSource = new NadListWatchSource(client);
        var podSource = new PodListWatchSource(client);
        _nads = new ListWatchLoop<JsonObject>(nadSource, nads, logger, time) { OnRestart = () => metrics.WatchRestarts.Inc(nadSource.Resource) };
        _pods = new ListWatchLoop<V1Pod>(podSource, pods, logger, time) { OnRestart = () => metrics.WatchRestarts.Inc(podSource.Resource) };
        readiness.Register(() => _nads.IsSynced);
        readiness.Register(() => _pods.IsSynced);
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_nads.RunAsync(stoppingToken), _pods.RunAsync(stoppingToken));
}
