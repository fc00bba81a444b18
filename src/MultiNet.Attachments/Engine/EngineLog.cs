using Microsoft.Extensions.Logging;

namespace MultiNet.Attachments.Engine;

/// <summary>Engine log messages; event ids 1xx: ADD, 2xx: DEL, 3xx: CHECK/STATUS/GC.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(100, LogLevel.Information, "ADD {ContainerId} ({Pod}): {Count} attachment(s) planned")]
    public static partial void Planned(ILogger logger, string containerId, string pod, int count);

    [LoggerMessage(101, LogLevel.Debug, "ADD {ContainerId}: network {Network} on {IfName} done in {Milliseconds} ms")]
    public static partial void Attached(ILogger logger, string containerId, string network, string ifName, double milliseconds);

    [LoggerMessage(102, LogLevel.Error, "ADD {ContainerId}: network {Network} on {IfName} failed: {Message}")]
    public static partial void AttachFailed(ILogger logger, string containerId, string network, string ifName, string message);

    [LoggerMessage(103, LogLevel.Warning, "ADD {ContainerId}: rollback of network {Network} on {IfName} failed: {Message}")]
    public static partial void RollbackFailed(ILogger logger, string containerId, string network, string ifName, string message);

    [LoggerMessage(104, LogLevel.Information, "ADD {ContainerId}: default route for {Family} moved to {IfName} via {Gateway}")]
    public static partial void DefaultRouteMoved(ILogger logger, string containerId, string family, string ifName, string gateway);

    [LoggerMessage(105, LogLevel.Warning, "ADD {ContainerId}: the pod is gone from the API; attaching the cluster network only")]
    public static partial void PodGone(ILogger logger, string containerId);

    [LoggerMessage(200, LogLevel.Information, "DEL {ContainerId}: no checkpoint, nothing to tear down")]
    public static partial void NothingToDelete(ILogger logger, string containerId);

    [LoggerMessage(201, LogLevel.Error, "DEL {ContainerId}: network {Network} on {IfName} failed: {Message}")]
    public static partial void DetachFailed(ILogger logger, string containerId, string network, string ifName, string message);

    [LoggerMessage(202, LogLevel.Information, "DEL {ContainerId}: {Count} attachment(s) torn down")]
    public static partial void Detached(ILogger logger, string containerId, int count);

    [LoggerMessage(205, LogLevel.Debug, "DEL {ContainerId}: network {Network} on {IfName} done")]
    public static partial void DetachedOne(ILogger logger, string containerId, string network, string ifName);

    [LoggerMessage(203, LogLevel.Warning, "DEL {ContainerId}: network {Network} on {IfName} skipped: its ADD never succeeded and {Reason}")]
    public static partial void DetachSkipped(ILogger logger, string containerId, string network, string ifName, string reason);

    [LoggerMessage(300, LogLevel.Information, "GC: checkpoint of {ContainerId} is stale; tearing it down")]
    public static partial void StaleCheckpoint(ILogger logger, string containerId);

    [LoggerMessage(301, LogLevel.Warning, "could not read device info file {Path}: {Message}")]
    public static partial void DeviceInfoUnreadable(ILogger logger, string path, string message);

    [LoggerMessage(302, LogLevel.Information, "GC: {ContainerId} is busy with another operation; left for a later GC")]
    public static partial void GcSkippedBusy(ILogger logger, string containerId);

    [LoggerMessage(204, LogLevel.Warning, "{ContainerId}: going on without the container lock: {Message}")]
    public static partial void UnlockedTeardown(ILogger logger, string containerId, string message);

    [LoggerMessage(303, LogLevel.Warning, "container {ContainerId}: waiting for delegates a killed operation left running (pids {Pids})")]
    public static partial void WaitingForOrphans(ILogger logger, string containerId, string pids);

    [LoggerMessage(304, LogLevel.Warning, "container {ContainerId}: killing delegates a killed operation left running past the delegate timeout (pids {Pids})")]
    public static partial void KillingOrphans(ILogger logger, string containerId, string pids);
}
