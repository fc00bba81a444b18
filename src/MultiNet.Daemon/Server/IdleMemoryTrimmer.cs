using Microsoft.Extensions.Hosting;

namespace MultiNet.Daemon.Server;

/// <summary>
/// Gives memory back after a burst. The GC keeps the memory a burst of pod starts (or a relist) made it commit —
/// about 25 MiB for 64 pods at once while the live heap stays near 7 MiB — and its tuning knobs do not reach that in
/// a NativeAOT process. So when the daemon has been idle for a check interval and has allocated a fair amount since
/// the last trim, one aggressive collection decommits the free regions (a few ms on a heap this size).
/// </summary>
internal sealed class IdleMemoryTrimmer(RequestGate gate) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private const long AllocatedBeforeTrim = 8 << 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        var allocatedAtTrim = GC.GetTotalAllocatedBytes();
        var busyBefore = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                // Idle now and at the previous tick: a burst is over, not paused between two requests.
                var idle = gate.InFlight == 0;
                if (idle && !busyBefore && GC.GetTotalAllocatedBytes() - allocatedAtTrim > AllocatedBeforeTrim)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    allocatedAtTrim = GC.GetTotalAllocatedBytes();
                }

                busyBefore = !idle;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
