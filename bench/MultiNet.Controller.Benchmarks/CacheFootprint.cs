using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Controller.Caches;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Benchmarks;

/// <summary>
/// The managed bytes the NAD cache holds, measured in this process with full collections before and after a fill
/// done in a separate method (so the JSON it was filled from is garbage by the second measure). The NADs are the
/// benchmark's own, parsed from text here: what is measured is the cache, not an HTTP client's buffers.
/// </summary>
internal static class CacheFootprint
{
    /// <summary>Bytes held by a cache of <paramref name="count"/> NADs, and by it plus the rule verdicts of every NAD.</summary>
    public static (long Cache, long CacheAndVerdicts) Measure(int count)
    {
        if (Fill(count).Count != count)
        {
            throw new InvalidOperationException("the warm-up fill did not cache every NAD");
        }

        long before = GC.GetTotalMemory(forceFullCollection: true);
        NadCache cache = Fill(count);
        long filled = GC.GetTotalMemory(forceFullCollection: true);
        JudgeAll(cache, count);
        long judged = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(cache);
        return (filled - before, judged - before);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NadCache Fill(int count)
    {
        var cache = new NadCache(NullLogger<NadCache>.Instance);
        cache.Replace([.. Enumerable.Range(0, count).Select(i => (JsonObject)JsonNode.Parse(BenchCluster.ManyNadJson(i))!)]);
        return cache;
    }

    // What admissions add: the verdict of every NAD, memoised per object.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void JudgeAll(NadCache cache, int count)
    {
        var options = new PodRuleOptions();
        var annotations = new Dictionary<string, string>();
        for (int i = 0; i < count; i++)
        {
            string ns = BenchCluster.ManyNamespace(i);
            annotations["k8s.v1.cni.cncf.io/networks"] = BenchCluster.ManyName(i);
            if (PodNetworkRules.Validate(ns, annotations, cache.Lookup, options).Any(f => f.IsError))
            {
                throw new InvalidOperationException($"NAD {ns}/{BenchCluster.ManyName(i)} was refused");
            }
        }
    }
}
