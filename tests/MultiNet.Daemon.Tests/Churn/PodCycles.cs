namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// One pod's side of a churn: <see cref="ChurnRun.Cycles"/> ADD/DEL cycles, attached for up to 20 ms in between; an
/// <see cref="ChurnPod.Interrupted"/> pod starts with an ADD the runtime gives up on.
/// </summary>
internal sealed class PodCycles(ChurnRun run)
{
    public async Task RunAsync(ChurnPod pod)
    {
        await Task.Yield();
        for (var cycle = 0; cycle < ChurnRun.Cycles; cycle++)
        {
            if (cycle == 0 && pod.Interrupted)
            {
                await InterruptedAddAsync(pod);
                continue;
            }

            var add = await run.RunAsync("ADD", pod.Pod);
            var ips = run.AddressesOf(add, pod.Pod);
            run.Addresses.Take(pod.Pod.ContainerId, ips);
            if (add.ExitCode == 0)
            {
                pod.Attached();
            }

            await Task.Delay(Random.Shared.Next(20));
            pod.Detaching();
            run.Addresses.Release(pod.Pod.ContainerId, ips);
            await run.RunAsync("DEL", pod.Pod);
        }
    }

    /// <summary>
    /// What a runtime does after an ADD timed out: DEL, while the ADD still runs (each of its delegates sleeps 300 ms
    /// first), and a second DEL at once. They must wait for the ADD, then undo it: nothing of the pod is left.
    /// </summary>
    private async Task InterruptedAddAsync(ChurnPod pod)
    {
        var id = pod.Pod.ContainerId;
        run.Log.SetSlow(id, slow: true);
        var add = run.RunAsync("ADD", pod.Pod);
        await run.Log.WaitForStartAsync(id, "ADD", TimeSpan.FromSeconds(30));
        var sentAt = OperationLog.Now();
        await Task.WhenAll(add, run.RunAsync("DEL", pod.Pod), run.RunAsync("DEL", pod.Pod));
        run.Log.SetSlow(id, slow: false);
        var addEnd = run.Log.Read().Where(r => r.ContainerId == id && r.Command == "ADD").Max(r => r.End);
        if (addEnd <= sentAt)
        {
            run.Problem($"{id}: the ADD ended before its DELs were sent; the test did not overlap them");
        }

        if (File.Exists(run.CheckpointPath(pod.Pod)) || pod.Pod.Links().Count > 0)
        {
            run.Problem($"{id}: after an ADD and two DELs sent during it: checkpoint {File.Exists(run.CheckpointPath(pod.Pod))}, links [{string.Join(", ", pod.Pod.Links())}]");
        }
    }
}
