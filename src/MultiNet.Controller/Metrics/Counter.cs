using System.Collections.Concurrent;

namespace MultiNet.Controller.Metrics;

/// <summary>A Prometheus counter with labels.</summary>
internal sealed class Counter(string name, string help, params string[] labelNames) : IMetric
{
    private readonly ConcurrentDictionary<string, long> _values = new(StringComparer.Ordinal);

    /// <summary>Adds one for the label values (in <c>labelNames</c> order).</summary>
    public void Inc(params string[] labelValues) => _values.AddOrUpdate(LabelText.Of(labelNames, labelValues), 1, (_, v) => v + 1);

    /// <summary>The current value for the label values (0 when never incremented).</summary>
    public long Value(params string[] labelValues) => _values.GetValueOrDefault(LabelText.Of(labelNames, labelValues));

    /// <inheritdoc />
    public void Write(TextWriter writer)
    {
        writer.Write($"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach ((string labels, long value) in _values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write($"{name}{labels} {value}\n");
        }
    }
}
