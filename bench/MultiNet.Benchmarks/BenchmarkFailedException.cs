namespace MultiNet.Benchmarks;

/// <summary>The benchmark itself failed (a call failed, the pod looks wrong, something leaked): no figures are trustworthy.</summary>
internal sealed class BenchmarkFailedException : Exception
{
    public BenchmarkFailedException()
    {
    }

    public BenchmarkFailedException(string message)
        : base(message)
    {
    }

    public BenchmarkFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
