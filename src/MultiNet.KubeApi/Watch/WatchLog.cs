using Microsoft.Extensions.Logging;

namespace MultiNet.KubeApi.Watch;

/// <summary>Log messages of the list/watch caches; event ids 720–739.</summary>
internal static partial class WatchLog
{
    [LoggerMessage(720, LogLevel.Information, "watch {Resource}: listed {Count} object(s) at resourceVersion {Version}")]
    public static partial void Listed(ILogger logger, string resource, int count, string version);

    [LoggerMessage(721, LogLevel.Information, "watch {Resource}: resourceVersion {Version} expired (410 Gone): listing again")]
    public static partial void Expired(ILogger logger, string resource, string version);

    [LoggerMessage(722, LogLevel.Warning, "watch {Resource}: {Failure}; trying again in {Milliseconds} ms")]
    public static partial void Failed(ILogger logger, string resource, string failure, long milliseconds);

    [LoggerMessage(723, LogLevel.Debug, "watch {Resource}: stream ended at resourceVersion {Version}: watching again")]
    public static partial void Resumed(ILogger logger, string resource, string version);
}
