using Microsoft.Extensions.Logging;

namespace MultiNet.Plugin.Shim;

/// <summary>Log messages of the thick-mode shim; event ids 800–819.</summary>
internal static partial class ShimLog
{
    [LoggerMessage(800, LogLevel.Warning, "multinetd on \"{Socket}\" cannot take DEL ({Reason}): deleting from the checkpoint here")]
    public static partial void DeletingLocally(ILogger logger, string socket, string reason);

    [LoggerMessage(801, LogLevel.Warning, "container {ContainerId}: waiting for delegates the daemon left running (pids {Pids})")]
    public static partial void WaitingForOrphans(ILogger logger, string containerId, string pids);

    [LoggerMessage(802, LogLevel.Warning, "container {ContainerId}: killing delegates the daemon left running past the delegate timeout (pids {Pids})")]
    public static partial void KillingOrphans(ILogger logger, string containerId, string pids);
}
