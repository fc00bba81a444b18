using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The whole run: warm-ups, then direct and multinet rounds interleaved, the sampled-RSS rounds, the VERSION starts;
/// then everything is removed and checked gone.
/// </summary>
internal sealed class BenchmarkRun(BenchmarkOptions options, TextWriter progress)
{
    public async Task<BenchmarkResults> RunAsync()
    {
        var binary = MultinetPlugin.Locate();
        var results = new BenchmarkResults { Machine = MachineInfo.Read(), Options = options };
        var (runId, bridges, root) = ("", (IReadOnlyList<string>)[], "");
        try
        {
            await using var node = await BenchNode.StartAsync();
            (runId, bridges, root) = (node.Id, node.Networks.Bridges, node.Node.Root);
            var rounds = new PodRounds(node, new DirectDelegates(node), new MultinetPlugin(node, binary));
            await MeasureRoundsAsync(rounds, results);
            await SampleRssAsync(rounds, results);
            progress.WriteLine($"bench: VERSION x{options.VersionRuns}");
            await VersionProbe.MeasureAsync(binary, options.VersionRuns, results);
            results.LoadAfter = MachineInfo.LoadNow();
        }
        finally
        {
            TimedProcess.CleanUp();
        }

        ExpectGone(runId, bridges, root);
        return results;
    }

    private async Task MeasureRoundsAsync(PodRounds rounds, BenchmarkResults results)
    {
        var total = options.Warmups + options.Iterations;
        for (var i = 0; i < total; i++)
        {
            var measured = i >= options.Warmups;
            var direct = await rounds.DirectAsync($"d{i}");
            var multinet = await rounds.MultinetAsync($"m{i}");
            if (measured)
            {
                results.DirectAdd.Add(direct.Add);
                results.DirectDel.Add(direct.Del);
                results.MultinetAdd.Add(multinet.Add);
                results.MultinetDel.Add(multinet.Del);
                results.AddRequests.Add(multinet.AddRequests!);
                results.DelRequests.Add(multinet.DelRequests!);
            }

            progress.WriteLine(
                $"bench: {(measured ? $"round {i - options.Warmups + 1}/{options.Iterations}" : $"warm-up {i + 1}/{options.Warmups}")}: "
                + $"ADD direct {Ms(direct.Add)} multinet {Ms(multinet.Add)}; DEL direct {Ms(direct.Del)} multinet {Ms(multinet.Del)}");
        }
    }

    private async Task SampleRssAsync(PodRounds rounds, BenchmarkResults results)
    {
        for (var i = 0; i < options.RssRuns; i++)
        {
            var sampled = await rounds.MultinetAsync($"r{i}", samplePeakRss: true);
            results.MultinetAddPeakRssKib = Max(results.MultinetAddPeakRssKib, sampled.AddPeakRssKib);
            results.MultinetDelPeakRssKib = Max(results.MultinetDelPeakRssKib, sampled.DelPeakRssKib);
        }

        if (options.RssRuns > 0)
        {
            progress.WriteLine($"bench: peak RSS sampled over {options.RssRuns} ADD+DEL: ADD {results.MultinetAddPeakRssKib} KiB, DEL {results.MultinetDelPeakRssKib} KiB");
        }
    }

    // After the node is disposed: no namespace of this run, none of its bridges, no temp directory.
    private static void ExpectGone(string runId, IReadOnlyList<string> bridges, string root)
    {
        var left = ScratchNetns.Remaining(runId).Select(n => $"netns {n}").ToList();
        left.AddRange(bridges.Where(b => Shell.Run("ip", "link", "show", b).ExitCode == 0).Select(b => $"bridge {b}"));
        if (Directory.Exists(root))
        {
            left.Add($"directory {root}");
        }

        if (TimedProcess.ScratchExists)
        {
            left.Add("the scratch directory of process I/O");
        }

        if (left.Count > 0)
        {
            throw new BenchmarkFailedException($"the run leaked: {string.Join("; ", left)}");
        }
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.0} ms";
}
