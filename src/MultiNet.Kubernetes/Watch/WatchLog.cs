using Microsoft.Extensions.Logging;

namespace MultiNet.Kubernetes.Watch;

/// <summary>Log messages of list/watch loops (event ids 1100–1199).</summary>
internal static partial class WatchLog
{
    [LoggerMessage(1100, LogLevel.Information, "listed {Resource}: {Count} objects at resourceVersion {Version}")]
    public static partial void Listed(this ILogger logger, string resource, int count, string version);

    [LoggerMessage(1101, LogLevel.Information, "watch of {Resource} expired ({Reason}); listing again")]
    public static partial void WatchExpired(this ILogger logger, string resource, string reason);

    [LoggerMessage(1102, LogLevel.Warning, "list/watch of {Resource} failed: {Reason}; retrying in {DelayMs} ms")]
    public static partial void WatchFailed(this ILogger logger, string resource, string reason, double delayMs);
}
