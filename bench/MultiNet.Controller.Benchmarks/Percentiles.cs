namespace MultiNet.Controller.Benchmarks;

/// <summary>Latencies in milliseconds and their order statistics.</summary>
internal sealed class Percentiles(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Max => _sorted[^1];

    /// <summary>The p-th percentile by nearest rank.</summary>
    public double At(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
