using System.Globalization;
using System.Text;

namespace MultiNet.Daemon.Metrics;

/// <summary>A Prometheus histogram with fixed buckets (seconds).</summary>
internal sealed class Histogram(double[] bounds)
{
    /// <summary>Buckets for CNI requests and delegate runs: 1 ms to 60 s.</summary>
    public static readonly double[] DurationBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[bounds.Length];
    private long _count;
    private double _sum;

    public void Observe(double value)
    {
        lock (_gate)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                if (value <= bounds[i])
                {
                    _counts[i]++;
                }
            }

            _count++;
            _sum += value;
        }
    }

    /// <summary>Writes the _bucket, _sum and _count lines; <paramref name="labels"/> is empty or <c>a="b",</c>.</summary>
    public void WriteTo(StringBuilder text, string name, string labels)
    {
        lock (_gate)
        {
            for (var i = 0; i < bounds.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}le=\"{bounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {_counts[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}le=\"+Inf\"}} {_count}\n");
            var plain = labels.TrimEnd(',');
            var braces = plain.Length == 0 ? "" : $"{{{plain}}}";
            text.Append(CultureInfo.InvariantCulture, $"{name}_sum{braces} {_sum.ToString("R", CultureInfo.InvariantCulture)}\n");
            text.Append(CultureInfo.InvariantCulture, $"{name}_count{braces} {_count}\n");
        }
    }
}
