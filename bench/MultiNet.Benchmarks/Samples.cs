using System.Diagnostics;

namespace MultiNet.Benchmarks;

/// <summary>Durations of one measure, in milliseconds, with the order statistics the report shows.</summary>
internal sealed class Samples
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public double Median => Percentile(50);

    public double P90 => Percentile(90);

    public double Mean => _ms.Count == 0 ? double.NaN : _ms.Average();

    public void Add(TimeSpan elapsed) => _ms.Add(elapsed.TotalMilliseconds);

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp));

    /// <summary>The p-th percentile, linearly interpolated between the closest ranks (the median of an even count is the mean of the middle two).</summary>
    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToArray();
        var rank = (sorted.Length - 1) * p / 100;
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
