using Microsoft.Extensions.Logging;

namespace MultiNet.KubeApi;

/// <summary>Log messages of thin-mode API access; event ids 700–799.</summary>
internal static partial class ThinApiLog
{
    [LoggerMessage(700, LogLevel.Debug, "kubernetes api: {Call}: {Failure} (attempt {Attempt}), trying again in {Milliseconds} ms")]
    public static partial void Retrying(ILogger logger, string call, string failure, int attempt, long milliseconds);

    [LoggerMessage(701, LogLevel.Information, "kubernetes api: pod {Namespace}/{Name} is gone; network-status not written")]
    public static partial void StatusPodGone(ILogger logger, string @namespace, string name);

    [LoggerMessage(702, LogLevel.Warning, "kubernetes api: pod {Namespace}/{Name} is no longer uid {Uid}; network-status not written")]
    public static partial void StatusPodReplaced(ILogger logger, string @namespace, string name, string uid);

    [LoggerMessage(703, LogLevel.Warning, "kubernetes api: event {Reason} on pod {Namespace}/{Name} not recorded: {Message}")]
    public static partial void EventNotRecorded(ILogger logger, string reason, string @namespace, string name, string message);
}
