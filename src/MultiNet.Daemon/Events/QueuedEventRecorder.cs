using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using MultiNet.Attachments.Cluster;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Metrics;

namespace MultiNet.Daemon.Events;

/// <summary>
/// Pod events leave the ADD's critical path: the engine's call only queues the event (bounded; when full it is
/// dropped and counted), and this service sends the queue in the background. <c>podEvents</c> says which are sent.
/// </summary>
internal sealed class QueuedEventRecorder(IPodEventRecorder sender, PodEventPolicy policy, DaemonMetrics metrics) : BackgroundService, IPodEventRecorder
{
    private const int Capacity = 1024;
    private readonly Channel<(PodInfo Pod, PodEvent Event)> _queue =
        Channel.CreateBounded<(PodInfo, PodEvent)>(new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken)
    {
        var wanted = policy switch
        {
            PodEventPolicy.All => true,
            PodEventPolicy.Warnings => podEvent.Type != "Normal",
            _ => false,
        };
        if (wanted && !_queue.Writer.TryWrite((pod, podEvent)))
        {
            metrics.RecordEventDropped();
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (pod, podEvent) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // The sender logs its own failures and never throws for an API problem.
                await sender.RecordAsync(pod, podEvent, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: events still queued are dropped, like a full queue's.
        }
    }
}
