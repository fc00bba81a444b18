using System.Diagnostics;
using MultiNet.Cni.Protocol;

namespace MultiNet.Benchmarks;

/// <summary>
/// One ADD + DEL of the pod, any side (direct, thin multinet, thick multinet), in a fresh netns (made and removed outside the timed spans). After ADD the
/// pod must have eth0, net1 and net2; after DEL nothing may be left (links, leases, checkpoints, bridge ports).
/// </summary>
internal sealed class PodRounds(BenchNode node, DirectDelegates direct, MultinetPlugin multinet, MultinetPlugin thick)
{
    public async Task<RoundOutcome> DirectAsync(string tag)
    {
        using var netns = new ScratchNetns(node.Id, tag);
        var containerId = ContainerId(tag);
        var done = false;
        try
        {
            var start = Stopwatch.GetTimestamp();
            var results = await Guard("direct ADD", tag, () => direct.AddAsync(containerId, netns.Path));
            var add = Stopwatch.GetElapsedTime(start);
            ExpectInterfaces(netns, "direct", tag);

            start = Stopwatch.GetTimestamp();
            await Guard("direct DEL", tag, () => direct.DelAsync(containerId, netns.Path, results));
            var del = Stopwatch.GetElapsedTime(start);
            ExpectNothingLeft(netns, "direct", tag);
            done = true;
            return new RoundOutcome(add, del);
        }
        finally
        {
            if (!done)
            {
                await direct.CleanUpAsync(containerId, netns.Path);
            }
        }
    }

    /// <summary>One round through multinet: thin mode, or with <paramref name="thickMode"/> the shim and multinetd.</summary>
    public async Task<RoundOutcome> MultinetAsync(string tag, bool samplePeakRss = false, bool thickMode = false)
    {
        var plugin = thickMode ? thick : multinet;
        using var netns = new ScratchNetns(node.Id, tag);
        var containerId = ContainerId(tag);
        var done = false;
        try
        {
            node.Api.ResetCounts();
            var add = await plugin.RunAsync("ADD", containerId, netns.Path, samplePeakRss);
            var addRequests = ApiRequestCounts.From(node.Api.Requests);
            Expect(add.ExitCode == 0, $"multinet ADD ({tag}) failed: {add.Failure}");
            ExpectInterfaces(netns, "multinet", tag);

            node.Api.ResetCounts();
            var del = await plugin.RunAsync("DEL", containerId, netns.Path, samplePeakRss);
            var delRequests = ApiRequestCounts.From(node.Api.Requests);
            Expect(del.ExitCode == 0, $"multinet DEL ({tag}) failed: {del.Failure}");
            ExpectNothingLeft(netns, "multinet", tag);
            done = true;
            return new RoundOutcome(add.Elapsed, del.Elapsed)
            {
                AddRequests = addRequests,
                DelRequests = delRequests,
                AddPeakRssKib = add.PeakRssKib,
                DelPeakRssKib = del.PeakRssKib,
            };
        }
        finally
        {
            if (!done)
            {
                await plugin.RunAsync("DEL", containerId, netns.Path);
                await direct.CleanUpAsync(containerId, netns.Path);
            }
        }
    }

    private string ContainerId(string tag) => $"bench-{node.Id}-{tag}";

    private static async Task<T> Guard<T>(string what, string tag, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CniException e)
        {
            throw new BenchmarkFailedException($"{what} ({tag}) failed: {e.Message} {e.Details}".TrimEnd(), e);
        }
    }

    private static Task<bool> Guard(string what, string tag, Func<Task> call) =>
        Guard(what, tag, async () =>
        {
            await call();
            return true;
        });

    private static void ExpectInterfaces(ScratchNetns netns, string side, string tag)
    {
        var links = netns.Links();
        Expect(links.SequenceEqual(BenchNetworks.Interfaces),
            $"{side} ADD ({tag}): the pod has [{string.Join(", ", links)}], expected [{string.Join(", ", BenchNetworks.Interfaces)}]");
    }

    private void ExpectNothingLeft(ScratchNetns netns, string side, string tag)
    {
        var left = netns.Links().Select(l => $"link {l}").Concat(node.Leftovers()).ToList();
        Expect(left.Count == 0, $"{side} DEL ({tag}) left: {string.Join("; ", left)}");
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new BenchmarkFailedException(failure);
        }
    }
}
