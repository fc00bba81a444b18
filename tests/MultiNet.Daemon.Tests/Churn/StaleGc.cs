namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// The GC side of a churn, round after round while the pods cycle (at least <see cref="MinRounds"/>): plant a
/// container the runtime forgot (a real ADD whose DEL never comes), send GC listing every pod of the churn, then
/// check that the forgotten one is gone (checkpoint, links, leases) and that every pod attached throughout the GC
/// still is.
/// </summary>
internal sealed class StaleGc(ChurnRun run)
{
    public const int MinRounds = 3;

    public int Rounds { get; private set; }

    public async Task RunAsync(Task churn)
    {
        while (!churn.IsCompleted || Rounds < MinRounds)
        {
            await RoundAsync();
            Rounds++;
        }
    }

    private async Task RoundAsync()
    {
        var stale = run.Harness.NewPod(ChurnRun.NadName);
        var add = await run.RunAsync("ADD", stale);
        var ips = run.AddressesOf(add, stale);
        run.Addresses.Take(stale.ContainerId, ips);
        var attached = run.Pods.Select(p =>
        {
            lock (p.Gate)
            {
                return (Pod: p, p.Live, p.Epoch);
            }
        }).Where(p => p.Live).ToList();

        await run.GcAsync();

        var (checkpoint, links, leases) = (File.Exists(run.CheckpointPath(stale)), stale.Links(), run.LeasesOf(stale.ContainerId));
        if (checkpoint || links.Count > 0 || leases.Count > 0)
        {
            run.Problem($"GC left the forgotten {stale.ContainerId}: checkpoint {checkpoint}, links [{string.Join(", ", links)}], leases [{string.Join(", ", leases)}]");
        }

        run.Addresses.Release(stale.ContainerId, ips);
        foreach (var (pod, _, epoch) in attached)
        {
            lock (pod.Gate)
            {
                // Still the attachment that was there before the GC started: the GC must have left it alone.
                if (pod.Live && pod.Epoch == epoch && (!File.Exists(run.CheckpointPath(pod.Pod)) || pod.Pod.Links().Count != 2))
                {
                    run.Problem($"GC tore down (part of) the live {pod.Pod.ContainerId}: links [{string.Join(", ", pod.Pod.Links())}]");
                }
            }
        }
    }
}
