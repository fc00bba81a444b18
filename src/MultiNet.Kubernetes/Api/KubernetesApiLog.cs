using Microsoft.Extensions.Logging;

namespace MultiNet.Kubernetes.Api;

/// <summary>Log messages of API access (event ids 1000–1099).</summary>
internal static partial class KubernetesApiLog
{
    [LoggerMessage(1000, LogLevel.Debug, "pod {Namespace}/{Name} is gone; network-status not written")]
    public static partial void StatusTargetGone(this ILogger logger, string @namespace, string name);

    [LoggerMessage(1001, LogLevel.Warning, "event {Reason} on pod {Namespace}/{Name} not recorded: {Message}")]
    public static partial void EventNotRecorded(this ILogger logger, string reason, string @namespace, string name, string message);
}
