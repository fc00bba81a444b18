using System.Globalization;
using System.Text;

namespace MultiNet.Benchmarks;

/// <summary>The report as Markdown, ready to paste into the README: the setup, then one table per target area.</summary>
internal static class ReportWriter
{
    public const double AddOverheadTargetMs = 10;
    public const double VersionTargetMs = 5;
    public const double ThickAddOverheadTargetMs = 5;
    public const double DaemonRssTargetMib = 40;
    public const double ChurnRatioTarget = 0.8;

    public static string Write(BenchmarkResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var m = r.Machine;
        var o = r.Options;
        var s = new StringBuilder();
        s.AppendLine(Inv($"Measured {m.DateText} on {m.CpuModel}, `nproc` {m.Nproc}, kernel {m.Kernel}, commit {m.Commit}; ")
            + Inv($"1-minute load average {m.LoadAverage} at the start, {r.LoadAfter} at the end."));
        s.AppendLine();
        s.AppendLine(Inv($"{o.Iterations} rounds after {o.Warmups} warm-ups, direct and multinet interleaved, each ADD+DEL in a fresh netns ")
            + "(made and removed outside the timing). The pod: the cluster network (bridge + host-local) on eth0, NAD `macvlan-a` "
            + "(macvlan on a host bridge) on net1, NAD `storage` (bridge + tuning) on net2. *Direct* runs the same three configs "
            + "with `ConflistRunner`, as a runtime without multinet would; *multinet* is one exec of `artifacts/bin/multinet` "
            + "(thin mode, the API stand-in on 127.0.0.1), started with `posix_spawn` as a Go runtime starts a plugin and timed "
            + "from spawn to exit; both sides start the delegates with `PluginProcessRunner`.");
        s.AppendLine();
        s.AppendLine("| measure | direct delegates | multinet | overhead | target | |");
        s.AppendLine("|---|---:|---:|---:|---|---|");
        s.AppendLine(Inv($"| ADD, median (p90) | {Ms(r.DirectAdd)} | {Ms(r.MultinetAdd)} | {Signed(r.AddOverhead)} | overhead ≤ {AddOverheadTargetMs} ms | {Met(r.AddOverhead <= AddOverheadTargetMs)} |"));
        s.AppendLine(Inv($"| DEL, median (p90) | {Ms(r.DirectDel)} | {Ms(r.MultinetDel)} | {Signed(r.DelOverhead)} | — | |"));
        s.AppendLine(Inv($"| ADD thick (shim + multinetd), median (p90) | {Ms(r.DirectAdd)} | {Ms(r.ThickAdd)} | {Signed(r.ThickAddOverhead)} | ")
            + Inv($"overhead ≤ {ThickAddOverheadTargetMs} ms | {Met(r.ThickAddOverhead <= ThickAddOverheadTargetMs)} |"));
        s.AppendLine(Inv($"| DEL thick (shim + multinetd), median (p90) | {Ms(r.DirectDel)} | {Ms(r.ThickDel)} | {Signed(r.ThickDelOverhead)} | — | |"));
        s.AppendLine(Inv($"| VERSION, median (p90) of {o.VersionRuns} starts | {Ms(r.BridgeVersion)} (`bridge`) | {Ms(r.MultinetVersion)} | ")
            + Inv($"{Signed(r.MultinetVersion.Median - r.BridgeVersion.Median)} | ≤ {VersionTargetMs} ms | {Met(r.MultinetVersion.Median <= VersionTargetMs)} |"));
        s.AppendLine();
        s.AppendLine(Inv($"Starting `/bin/true` the same way takes {Ms(r.ProcessFloor)}: the floor under every process time above."));
        s.AppendLine();
        s.AppendLine(Inv($"| API requests per multinet ADD ({r.AddRequests.Calls} ADDs) | mean | max | target | |"));
        s.AppendLine("|---|---:|---:|---|---|");
        Requests(s, r.AddRequests, "GET pod", c => c.PodGets, 1, "≤ 1");
        Requests(s, r.AddRequests, "GET NAD", c => c.NadGets, 2, "≤ 1 per NAD (2)");
        Requests(s, r.AddRequests, "PATCH pod (network-status)", c => c.PodWrites, 1, "≤ 1");
        Requests(s, r.AddRequests, "event write", c => c.EventWrites, 1, "≤ 1");
        Requests(s, r.AddRequests, "all requests", c => c.Total, null, "");
        Requests(s, r.DelRequests, "all requests per DEL", c => c.Total, null, "");
        s.AppendLine();
        s.AppendLine(Inv($"| thick mode (multinetd) | measured | target | |"));
        s.AppendLine("|---|---:|---|---|");
        s.AppendLine(Inv($"| API writes per ADD, caches warm ({r.ThickAddRequests.Calls} ADDs), mean / max | {r.ThickAddRequests.Mean(c => c.Writes):0.00} / {r.ThickAddRequests.Max(c => c.Writes)} | exactly 1 | {Met(ThickWritesMet(r))} |"));
        s.AppendLine(Inv($"| API reads per ADD, caches warm, mean / max | {r.ThickAddRequests.Mean(c => c.Reads):0.00} / {r.ThickAddRequests.Max(c => c.Reads)} | 0 | {Met(r.ThickAddRequests.Max(c => c.Reads) == 0)} |"));
        s.AppendLine(Inv($"| where a thick ADD's time goes (means): in multinetd / of which its delegates / shim, socket and process start | ")
            + Inv($"{r.DaemonAddMs:0.0} / {r.DaemonDelegatesMs:0.0} / {r.ThickAdd.Mean - r.DaemonAddMs:0.0} ms (total {r.ThickAdd.Mean:0.0}) | — | |"));
        s.AppendLine(Inv($"| multinetd RSS at rest, {ClusterLoad.Nads:N0} NADs and {ClusterLoad.Pods} pods cached | {Mib(r.DaemonLoadedRssKib)} | ≤ {DaemonRssTargetMib} MiB | {Met(r.DaemonLoadedRssKib / 1024.0 <= DaemonRssTargetMib)} |"));
        s.AppendLine(Inv($"| multinetd RSS just after start (3 objects cached) / peak over the run (VmHWM) | {Mib(r.DaemonIdleRssKib)} / {Mib(r.DaemonPeakRssKib)} | — | |"));
        s.AppendLine(Inv($"| {PodChurn.Pods}-pod churn (ADD+DEL of each, all at once), median of {r.ChurnThick.Count}: direct / thick | ")
            + Inv($"{r.ChurnDirect.Median:0} ms / {r.ChurnThick.Median:0} ms = {r.ChurnRatio:0.00}× | ≥ {ChurnRatioTarget}× | {Met(r.ChurnRatio >= ChurnRatioTarget)} |"));
        s.AppendLine(Inv($"| multinetd RSS under the {PodChurn.Pods}-pod churn: peak (VmRSS sampled every ms, highest of {r.ChurnThick.Count}) / right after it (median) | ")
            + Inv($"{Mib(r.DaemonChurnPeakRssKib)} / {Mib(Median(r.DaemonAfterChurnRssKib))} | — | |"));
        s.AppendLine();
        s.AppendLine("Thick mode runs with the daemon's defaults (`podEvents: warnings`: a successful ADD sends no AddedInterface event, "
            + "so its one write is the network-status PATCH); the daemon's own LIST and WATCH requests are not counted per ADD.");
        if (r.MultinetAddPeakRssKib is not null)
        {
            s.AppendLine();
            s.AppendLine(Inv($"Peak RSS of the multinet process (VmHWM sampled every ms, highest of {o.RssRuns} runs): ")
                + Inv($"ADD {Mib(r.MultinetAddPeakRssKib)}, DEL {Mib(r.MultinetDelPeakRssKib)}."));
        }

        return s.ToString();
    }

    /// <summary>True when every target is met (the exit code does not depend on it: the run is a report).</summary>
    public static bool AllTargetsMet(BenchmarkResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.AddOverhead <= AddOverheadTargetMs
            && r.MultinetVersion.Median <= VersionTargetMs
            && r.AddRequests.Max(c => c.PodGets) <= 1
            && r.AddRequests.Max(c => c.NadGets) <= 2
            && r.AddRequests.Max(c => c.PodWrites) <= 1
            && r.AddRequests.Max(c => c.EventWrites) <= 1
            && r.ThickAddOverhead <= ThickAddOverheadTargetMs
            && ThickWritesMet(r)
            && r.ThickAddRequests.Max(c => c.Reads) == 0
            && r.DaemonLoadedRssKib / 1024.0 <= DaemonRssTargetMib
            && r.ChurnRatio >= ChurnRatioTarget;
    }

    private static bool ThickWritesMet(BenchmarkResults r) =>
        r.ThickAddRequests.Max(c => c.Writes) == 1 && r.ThickAddRequests.Mean(c => c.Writes) == 1;

    private static void Requests(StringBuilder s, ApiTally tally, string what, Func<ApiRequestCounts, int> field, int? limit, string target)
    {
        var verdict = limit is null ? "" : Met(tally.Max(field) <= limit);
        s.AppendLine(Inv($"| {what} | {tally.Mean(field):0.00} | {tally.Max(field)} | {target} | {verdict} |"));
    }

    private static string Ms(Samples samples) => Inv($"{samples.Median:0.0} ms ({samples.P90:0.0})");

    private static string Signed(double ms) => Inv($"{(ms >= 0 ? "+" : "−")}{Math.Abs(ms):0.0} ms");

    private static string Mib(long? kib) => kib is null ? "not sampled" : Inv($"{kib.Value / 1024.0:0.0} MiB");

    private static long? Median(List<long> values) => values.Count == 0 ? null : values.Order().ElementAt(values.Count / 2);

    private static string Met(bool met) => met ? "met" : "**NOT met**";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
