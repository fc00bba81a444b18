namespace MultiNet.KubeApi;

/// <summary>Timeouts and retries of <see cref="ThinApiClient"/>; the defaults keep a CNI call short when the API struggles.</summary>
internal sealed record ThinApiClientOptions
{
    /// <summary>How long one attempt (connect, send, read the whole answer) may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per call, the first included, for transient failures (connection errors, timeouts, 429, 5xx).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt; doubled before each further one.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait a <c>Retry-After</c> header may impose between attempts.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The <c>source.component</c> of events.</summary>
    public string Component { get; init; } = "multinet";

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values that cannot work.</summary>
    public ThinApiClientOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialBackoff, TimeSpan.Zero, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryAfter, TimeSpan.Zero, nameof(MaxRetryAfter));
        return this;
    }
}
