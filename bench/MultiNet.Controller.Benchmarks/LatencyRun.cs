using System.Diagnostics;
using System.Text;

namespace MultiNet.Controller.Benchmarks;

/// <summary>Admission round trips over HTTPS on loopback: one client one request at a time, then several at once.</summary>
internal static class LatencyRun
{
    /// <summary>
    /// Sequential latencies (ms) of <paramref name="count"/> reviews after at least <paramref name="warmup"/> untimed
    /// ones and at least 5 seconds of them: the JIT's second tier must have replaced the first before timing starts.
    /// </summary>
    public static async Task<Percentiles> SequentialAsync(HttpClient http, int warmup, int count)
    {
        long warmStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmStart) < TimeSpan.FromSeconds(5); i++)
        {
            await SendAsync(http, i);
        }

        var ms = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await SendAsync(http, warmup + i);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return new Percentiles(ms);
    }

    /// <summary>Reviews per second with <paramref name="clients"/> concurrent senders, and their latencies.</summary>
    public static async Task<(double PerSecond, Percentiles Latency)> ConcurrentAsync(HttpClient http, int clients, int count)
    {
        var ms = new double[count];
        int next = -1;
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                long t = Stopwatch.GetTimestamp();
                await SendAsync(http, i);
                ms[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
        }));
        return (count / Stopwatch.GetElapsedTime(start).TotalSeconds, new Percentiles(ms));
    }

    private static async Task SendAsync(HttpClient http, int n)
    {
        using var content = new StringContent(BenchCluster.PodReview(n), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync("/validate/pods", content);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || !body.Contains("\"allowed\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the benchmark pod was not admitted: {(int)response.StatusCode} {body}");
        }
    }
}
