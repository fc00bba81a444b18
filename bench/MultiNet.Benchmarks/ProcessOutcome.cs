namespace MultiNet.Benchmarks;

/// <summary>How one plugin process ended, how long it took from start to exit, and its sampled peak RSS (KiB) when asked for.</summary>
internal sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, long? PeakRssKib)
{
    /// <summary>What to show when the call failed: the CNI error on stdout, then the tail of stderr.</summary>
    public string Failure => $"exit {ExitCode}: {Stdout.Trim()} {Tail(Stderr)}".TrimEnd();

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
