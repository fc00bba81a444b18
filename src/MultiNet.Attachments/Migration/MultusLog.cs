using Microsoft.Extensions.Logging;

namespace MultiNet.Attachments.Migration;

/// <summary>Log messages about containers Multus attached; event ids 4xx.</summary>
internal static partial class MultusLog
{
    [LoggerMessage(400, LogLevel.Information, "{Verb} {ContainerId}: no MultiNet checkpoint; tearing down the {Count} attachment(s) Multus recorded in {Source}")]
    public static partial void FromMultus(ILogger logger, string verb, string containerId, int count, string source);

    [LoggerMessage(401, LogLevel.Error, "{Verb} {ContainerId}: {Message}; falling back to {Fallback}")]
    public static partial void CacheDamaged(ILogger logger, string verb, string containerId, string message, string fallback);

    [LoggerMessage(402, LogLevel.Warning, "{Verb} {ContainerId}: {Message}; that file is not used")]
    public static partial void ResultFileUnusable(ILogger logger, string verb, string containerId, string message);

    [LoggerMessage(403, LogLevel.Warning, "DEL {ContainerId}: fallback: {Message}")]
    public static partial void FallbackStep(ILogger logger, string containerId, string message);

    [LoggerMessage(404, LogLevel.Error, "{Verb} {ContainerId}: nothing Multus attached could be found to free (no usable cache, no result file, no plan from the API); its interfaces and addresses may be left behind")]
    public static partial void NothingFreed(ILogger logger, string verb, string containerId);

    [LoggerMessage(405, LogLevel.Information, "{Verb} {ContainerId}: Multus's files removed ({Files})")]
    public static partial void FilesRemoved(ILogger logger, string verb, string containerId, string files);

    [LoggerMessage(407, LogLevel.Warning, "GC: {ContainerId}: no usable Multus cache and no result file; the file is left alone")]
    public static partial void GcLeftAlone(ILogger logger, string containerId);

    [LoggerMessage(406, LogLevel.Information, "GC: {ContainerId} was attached by Multus and is not in the valid list; tearing it down")]
    public static partial void StaleContainer(ILogger logger, string containerId);
}
