using System.Diagnostics;
using FluentAssertions;
using MultiNet.Testing;
using Xunit.Abstractions;

namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// 64 pods × 3 ADD/DEL cycles, all at once, with GC alongside, in thin and in thick mode: no failed operation, no
/// address given twice, never two delegate runs on one container at once (also when DEL arrives during its ADD),
/// every forgotten container collected, and nothing left at the end.
/// </summary>
[Collection(ChurnCollection.Name)]
public sealed class ChurnTests(ITestOutputHelper output)
{
    [RootFact]
    public Task Churn_ThinMode64PodsThreeCyclesWithGc_NoFailureNoOverlapNoLeak() => ChurnAsync(thick: false, subnet: 16);

    [RootFact]
    public Task Churn_ThickMode64PodsThreeCyclesWithGc_NoFailureNoOverlapNoLeak() => ChurnAsync(thick: true, subnet: 18);

    private async Task ChurnAsync(bool thick, int subnet)
    {
        await using var run = await ChurnRun.StartAsync(thick, subnet);
        var started = Stopwatch.GetTimestamp();

        var gcRounds = await run.RunAsync();

        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"{(thick ? "thick" : "thin")}: {run.Operations} operations ({gcRounds} GC rounds) in {elapsed.TotalSeconds:0.0} s");
        foreach (var problem in run.Problems)
        {
            output.WriteLine(problem);
        }

        var logs = run.Harness.Logs;
        var context = logs.Length > 6000 ? logs[^6000..] : logs;
        run.Problems.Should().BeEmpty(context);
        run.Addresses.Duplicates.Should().BeEmpty();
        run.Log.Overlaps().Should().BeEmpty("the runtime's operations on one container must run one at a time");
        gcRounds.Should().BeGreaterThanOrEqualTo(StaleGc.MinRounds);
        var runs = run.Log.Read();
        foreach (var pod in run.Pods)
        {
            // Two networks: each ADD (and each DEL that found a checkpoint) ran both delegates once; no operation ran twice.
            runs.Count(r => r.ContainerId == pod.Pod.ContainerId && r.Command == "ADD").Should().Be(2 * ChurnRun.Cycles, pod.Pod.ContainerId);
            runs.Count(r => r.ContainerId == pod.Pod.ContainerId && r.Command == "DEL").Should().Be(2 * ChurnRun.Cycles, pod.Pod.ContainerId);
        }

        run.BridgePorts().Should().BeEmpty("every veth's host end goes with its DEL");
        run.Harness.AssertNothingLeaked();
    }
}
