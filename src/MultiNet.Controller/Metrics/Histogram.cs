using System.Collections.Concurrent;
using System.Globalization;

namespace MultiNet.Controller.Metrics;

/// <summary>A Prometheus histogram with fixed buckets and labels.</summary>
internal sealed class Histogram(string name, string help, double[] buckets, params string[] labelNames) : IMetric
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>Records one observation for the label values.</summary>
    public void Observe(double value, params string[] labelValues) =>
        _series.GetOrAdd(LabelText.Of(labelNames, labelValues), _ => new Series(buckets.Length)).Observe(value, buckets);

    /// <summary>How many observations the label values have.</summary>
    public long Count(params string[] labelValues) =>
        _series.TryGetValue(LabelText.Of(labelNames, labelValues), out Series? s) ? s.Snapshot().Count : 0;

    /// <inheritdoc />
    public void Write(TextWriter writer)
    {
        writer.Write($"# HELP {name} {help}\n# TYPE {name} histogram\n");
        foreach ((string labels, Series series) in _series.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            (long[] counts, long count, double sum) = series.Snapshot();
            long cumulative = 0;
            for (int i = 0; i < buckets.Length; i++)
            {
                cumulative += counts[i];
                writer.Write($"{name}_bucket{LabelText.With(labels, "le", Text(buckets[i]))} {cumulative}\n");
            }

            writer.Write($"{name}_bucket{LabelText.With(labels, "le", "+Inf")} {count}\n");
            writer.Write($"{name}_sum{labels} {Text(sum)}\n{name}_count{labels} {count}\n");
        }
    }

    private static string Text(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Series(int buckets)
    {
        private readonly Lock _lock = new();
        private readonly long[] _counts = new long[buckets];
        private long _count;
        private double _sum;

        public void Observe(double value, double[] bounds)
        {
            lock (_lock)
            {
                int i = Array.FindIndex(bounds, b => value <= b);
                if (i >= 0)
                {
                    _counts[i]++;
                }

                _count++;
                _sum += value;
            }
        }

        public (long[] Counts, long Count, double Sum) Snapshot()
        {
            lock (_lock)
            {
                return ((long[])_counts.Clone(), _count, _sum);
            }
        }
    }
}
