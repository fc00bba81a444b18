namespace MultiNet.Kubernetes.Watch;

/// <summary>Timing of a <see cref="ListWatchLoop{T}"/>.</summary>
public sealed record ListWatchOptions
{
    /// <summary>First wait after a failed list or watch; doubled on each failure in a row.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
