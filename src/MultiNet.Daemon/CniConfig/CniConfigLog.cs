using Microsoft.Extensions.Logging;

namespace MultiNet.Daemon.CniConfig;

/// <summary>Log messages of the generated CNI config; event ids 12xx.</summary>
internal static partial class CniConfigLog
{
    [LoggerMessage(1200, LogLevel.Information, "cni config: wrote {Path} (cluster network {Primary}, cniVersion {CniVersion})")]
    public static partial void Written(ILogger logger, string path, string primary, string cniVersion);

    [LoggerMessage(1201, LogLevel.Warning, "cni config: not ready: {Reason}")]
    public static partial void NotReady(ILogger logger, string reason);

    [LoggerMessage(1202, LogLevel.Information, "cni config: ready ({Path})")]
    public static partial void Ready(ILogger logger, string path);

    [LoggerMessage(1203, LogLevel.Information, "cni config: removed {Path} ({Why})")]
    public static partial void Removed(ILogger logger, string path, string why);

    [LoggerMessage(1204, LogLevel.Information, "cni config: skipped {Candidate}")]
    public static partial void Skipped(ILogger logger, string candidate);

    [LoggerMessage(1205, LogLevel.Warning, "cni config: socket directory {SocketDir} does not exist yet; the config is written anyway and the shim waits for the daemon to create it")]
    public static partial void SocketDirMissing(ILogger logger, string socketDir);

    [LoggerMessage(1206, LogLevel.Warning, "cni config: cannot remove {Path}: {Message}")]
    public static partial void RemoveFailed(ILogger logger, string path, string message);

    [LoggerMessage(1207, LogLevel.Information, "cni config: removed {Count} temp file(s) a killed writer left beside {Path}")]
    public static partial void LeftoversRemoved(ILogger logger, int count, string path);

    [LoggerMessage(1208, LogLevel.Information, "cni config: kept {Path} on stop: {Why}")]
    public static partial void KeptOnStop(ILogger logger, string path, string why);
}
