using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The whole run: warm-ups, then direct and multinet rounds interleaved, the sampled-RSS rounds, the VERSION starts;
/// then everything is removed and checked gone.
/// </summary>
internal sealed class BenchmarkRun(BenchmarkOptions options, TextWriter progress)
{
    private const int ChurnRounds = 3;

    public async Task<BenchmarkResults> RunAsync()
    {
        var binary = MultinetPlugin.Locate();
        var results = new BenchmarkResults { Machine = MachineInfo.Read(), Options = options };
        var (runId, bridges, root) = ("", (IReadOnlyList<string>)[], "");
        try
        {
            await using var node = await BenchNode.StartAsync();
            (runId, bridges, root) = (node.Id, node.Networks.Bridges, node.Node.Root);
            await using var daemon = await BenchDaemon.StartAsync(node);
            results.DaemonIdleRssKib = daemon.RssKib();
            var direct = new DirectDelegates(node);
            var thick = new MultinetPlugin(node, binary, node.ThickConfig);
            var rounds = new PodRounds(node, direct, new MultinetPlugin(node, binary, node.MultinetConfig), thick);
            await MeasureRoundsAsync(rounds, daemon, results);
            await SampleRssAsync(rounds, results);
            await MeasureChurnAsync(new PodChurn(node, direct, thick), daemon, results);
            await MeasureDaemonRssAsync(node, daemon, results);
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

    private async Task MeasureRoundsAsync(PodRounds rounds, BenchDaemon daemon, BenchmarkResults results)
    {
        var total = options.Warmups + options.Iterations;
        var before = (Add: 0.0, Delegates: 0.0);
        for (var i = 0; i < total; i++)
        {
            var measured = i >= options.Warmups;
            if (i == options.Warmups)
            {
                before = await daemon.AddSecondsAsync();
            }

            var direct = await rounds.DirectAsync($"d{i}");
            var multinet = await rounds.MultinetAsync($"m{i}");
            var thick = await rounds.MultinetAsync($"t{i}", thickMode: true);
            if (measured)
            {
                results.DirectAdd.Add(direct.Add);
                results.DirectDel.Add(direct.Del);
                results.MultinetAdd.Add(multinet.Add);
                results.MultinetDel.Add(multinet.Del);
                results.AddRequests.Add(multinet.AddRequests!);
                results.DelRequests.Add(multinet.DelRequests!);
                results.ThickAdd.Add(thick.Add);
                results.ThickDel.Add(thick.Del);
                results.ThickAddRequests.Add(thick.AddRequests!);
            }

            progress.WriteLine(
                $"bench: {(measured ? $"round {i - options.Warmups + 1}/{options.Iterations}" : $"warm-up {i + 1}/{options.Warmups}")}: "
                + $"ADD direct {Ms(direct.Add)} multinet {Ms(multinet.Add)} thick {Ms(thick.Add)}; "
                + $"DEL direct {Ms(direct.Del)} multinet {Ms(multinet.Del)} thick {Ms(thick.Del)}");
        }

        // Where a thick ADD's time goes: in the daemon (request received to answered) and in its delegates.
        var after = await daemon.AddSecondsAsync();
        results.DaemonAddMs = (after.Add - before.Add) * 1000 / options.Iterations;
        results.DaemonDelegatesMs = (after.Delegates - before.Delegates) * 1000 / options.Iterations;
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

    private async Task MeasureChurnAsync(PodChurn churn, BenchDaemon daemon, BenchmarkResults results)
    {
        for (var i = 0; i < ChurnRounds; i++)
        {
            var direct = await churn.DirectAsync($"cd{i}");
            // multinetd's memory while it serves the churn: sampled throughout, and read as soon as the last pod is done.
            var sampler = RssSampler.Start(daemon.RssKib);
            TimeSpan thick;
            try
            {
                thick = await churn.ThickAsync($"ct{i}");
            }
            finally
            {
                results.DaemonChurnPeakRssKib = Math.Max(results.DaemonChurnPeakRssKib, sampler.Stop());
            }

            var after = daemon.RssKib();
            results.DaemonAfterChurnRssKib.Add(after);
            results.ChurnDirect.Add(direct);
            results.ChurnThick.Add(thick);
            progress.WriteLine($"bench: {PodChurn.Pods}-pod churn {i + 1}/{ChurnRounds}: direct {Ms(direct)} thick {Ms(thick)}; "
                + $"multinetd RSS peak so far {results.DaemonChurnPeakRssKib} KiB, right after {after} KiB");
        }
    }

    private async Task MeasureDaemonRssAsync(BenchNode node, BenchDaemon daemon, BenchmarkResults results)
    {
        progress.WriteLine($"bench: multinetd RSS before the load {daemon.RssKib()} KiB (after the churn)");
        ClusterLoad.Add(node.Api);
        await daemon.WaitUntilAsync(m => m.Contains($"multinetd_cache_objects{{cache=\"nads\"}} {ClusterLoad.Nads + 2}\n", StringComparison.Ordinal)
            && m.Contains($"multinetd_cache_objects{{cache=\"pods\"}} {ClusterLoad.Pods + 1}\n", StringComparison.Ordinal), "the load cached");
        // At rest: give the daemon's idle trim (a check every 2 s once idle) time to run, then take the median of a few readings.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var readings = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            await Task.Delay(500);
            readings.Add(daemon.RssKib());
        }

        results.DaemonLoadedRssKib = readings.Order().ElementAt(readings.Count / 2);
        results.DaemonPeakRssKib = daemon.PeakRssKib();
        progress.WriteLine($"bench: multinetd RSS idle {results.DaemonIdleRssKib} KiB, with {ClusterLoad.Nads} NADs and {ClusterLoad.Pods} pods "
            + $"{results.DaemonLoadedRssKib} KiB, peak {results.DaemonPeakRssKib} KiB");
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
