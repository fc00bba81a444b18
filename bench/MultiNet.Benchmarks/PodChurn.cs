using System.Diagnostics;
using MultiNet.Cni.Protocol;

namespace MultiNet.Benchmarks;

/// <summary>
/// Throughput: <see cref="Pods"/> pods each ADDed then DELeted, all at once, directly or through the shim and multinetd;
/// timed from the first start to the last exit (namespaces are made before and removed after the timing).
/// </summary>
internal sealed class PodChurn(BenchNode node, DirectDelegates direct, MultinetPlugin thick)
{
    public const int Pods = 64;

    public Task<TimeSpan> DirectAsync(string tag) => RunAsync(tag, "direct", async (containerId, netns) =>
    {
        try
        {
            var results = await direct.AddAsync(containerId, netns);
            await direct.DelAsync(containerId, netns, results);
        }
        catch (CniException e)
        {
            await direct.CleanUpAsync(containerId, netns);
            throw new BenchmarkFailedException($"direct churn {containerId}: {e.Message}", e);
        }
    });

    public Task<TimeSpan> ThickAsync(string tag) => RunAsync(tag, "thick", async (containerId, netns) =>
    {
        var add = await thick.RunAsync("ADD", containerId, netns);
        var del = await thick.RunAsync("DEL", containerId, netns);
        if (add.ExitCode != 0 || del.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"thick churn {containerId}: ADD {add.Failure}; DEL {del.Failure}");
        }
    });

    private async Task<TimeSpan> RunAsync(string tag, string side, Func<string, string, Task> addThenDel)
    {
        // Each timed process start blocks a pool thread until the exit: have enough threads ready, not injected slowly.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Pods * 3), io);
        var namespaces = Enumerable.Range(0, Pods).Select(i => new ScratchNetns(node.Id, $"{tag}-{i}")).ToList();
        try
        {
            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(namespaces.Select((n, i) => addThenDel($"churn-{node.Id}-{tag}-{i}", n.Path)));
            var elapsed = Stopwatch.GetElapsedTime(start);
            var left = namespaces.SelectMany(n => n.Links().Select(l => $"{n.Name}:{l}")).Concat(node.Leftovers()).ToList();
            if (left.Count > 0)
            {
                throw new BenchmarkFailedException($"{side} churn ({tag}) left: {string.Join("; ", left)}");
            }

            return elapsed;
        }
        finally
        {
            namespaces.ForEach(n => n.Dispose());
        }
    }
}
