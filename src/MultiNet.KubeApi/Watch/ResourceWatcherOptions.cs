namespace MultiNet.KubeApi.Watch;

/// <summary>Timing of a <see cref="ResourceWatcher{T}"/>.</summary>
internal sealed record ResourceWatcherOptions
{
    /// <summary>Items per LIST page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>The <c>timeoutSeconds</c> of each WATCH: the server ends the stream then and the watcher resumes from the last version.</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>Wait after the first failure; doubled after each further one up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a LIST or the start of a WATCH may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A WATCH that sends nothing (not even a bookmark) for this long is presumed dead and restarted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(6);
}
