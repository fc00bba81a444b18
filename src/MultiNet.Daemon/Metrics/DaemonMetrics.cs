using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MultiNet.Cni.Build;

namespace MultiNet.Daemon.Metrics;

/// <summary>
/// What <c>GET /metrics</c> reports, in the Prometheus text format (version 0.0.4), written by hand: a handful of
/// series do not justify a metrics library in a 40 MiB process.
/// </summary>
internal sealed class DaemonMetrics
{
    private readonly ConcurrentDictionary<(string Command, string Result), long[]> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly Histogram _delegates = new(Histogram.DurationBounds);
    private readonly List<(string Name, string Help, string Type, Func<IEnumerable<(string Labels, double Value)>> Read)> _sampled = [];
    private long _eventsDropped;

    /// <summary>One finished CNI request. <paramref name="result"/>: success, error, busy, not_ready, bad_request.</summary>
    public void RecordRequest(string command, string result, TimeSpan duration)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((command, result), _ => new long[1])[0]);
        _latency.GetOrAdd(command, _ => new Histogram(Histogram.DurationBounds)).Observe(duration.TotalSeconds);
    }

    /// <summary>One delegate (network) ADD, as the engine timed it.</summary>
    public void RecordDelegate(TimeSpan duration) => _delegates.Observe(duration.TotalSeconds);

    /// <summary>An event not sent because its queue was full.</summary>
    public void RecordEventDropped() => Interlocked.Increment(ref _eventsDropped);

    /// <summary>Adds a series whose values are read when <c>/metrics</c> is served (cache sizes, queue depth...).</summary>
    public void AddSampled(string name, string help, string type, Func<IEnumerable<(string Labels, double Value)>> read)
    {
        lock (_sampled)
        {
            _sampled.Add((name, help, type, read));
        }
    }

    /// <summary>The whole exposition.</summary>
    public string Render()
    {
        var text = new StringBuilder(4096);
        text.Append(BuildInfo.MetricText());
        Header(text, "multinetd_requests_total", "CNI requests by command and result.", "counter");
        foreach (var ((command, result), count) in _requests.OrderBy(r => r.Key.Command, StringComparer.Ordinal).ThenBy(r => r.Key.Result, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"multinetd_requests_total{{command=\"{command}\",result=\"{result}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        Header(text, "multinetd_request_duration_seconds", "Time from receiving a CNI request to answering it (queue wait included).", "histogram");
        foreach (var (command, histogram) in _latency.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            histogram.WriteTo(text, "multinetd_request_duration_seconds", $"command=\"{command}\",");
        }

        Header(text, "multinetd_delegate_duration_seconds", "Time one network's delegates took to ADD.", "histogram");
        _delegates.WriteTo(text, "multinetd_delegate_duration_seconds", "");
        Header(text, "multinetd_events_dropped_total", "Pod events not sent because the event queue was full.", "counter");
        text.Append(CultureInfo.InvariantCulture, $"multinetd_events_dropped_total {Interlocked.Read(ref _eventsDropped)}\n");
        lock (_sampled)
        {
            foreach (var (name, help, type, read) in _sampled)
            {
                Header(text, name, help, type);
                foreach (var (labels, value) in read())
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{(labels.Length == 0 ? "" : $"{{{labels}}}")} {value.ToString("R", CultureInfo.InvariantCulture)}\n");
                }
            }
        }

        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string help, string type) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
}
