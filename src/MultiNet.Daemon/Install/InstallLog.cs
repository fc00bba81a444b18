using Microsoft.Extensions.Logging;

namespace MultiNet.Daemon.Install;

/// <summary>Log messages of <c>multinetd install</c>; event ids 13xx.</summary>
internal static partial class InstallLog
{
    [LoggerMessage(1300, LogLevel.Information, "install: copied {Source} to {Target}")]
    public static partial void Copied(ILogger logger, string source, string target);

    [LoggerMessage(1301, LogLevel.Information, "install: {Target} is already current")]
    public static partial void AlreadyCurrent(ILogger logger, string target);

    [LoggerMessage(1302, LogLevel.Information, "install: wrote kubeconfig {Path} from the service account")]
    public static partial void KubeconfigWritten(ILogger logger, string path);

    [LoggerMessage(1303, LogLevel.Error, "install: {Message}")]
    public static partial void KubeconfigFailed(ILogger logger, string message);

    [LoggerMessage(1304, LogLevel.Error, "install: {Message}")]
    public static partial void Failed(ILogger logger, string message);

    [LoggerMessage(1305, LogLevel.Information, "install: {Mode} mode installed; keeping the kubeconfig and {Config} current until stopped")]
    public static partial void Running(ILogger logger, string mode, string config);

    [LoggerMessage(1306, LogLevel.Warning, "install: the cni config is not written yet: {Reason}")]
    public static partial void ConfigNotReady(ILogger logger, string reason);

    [LoggerMessage(1307, LogLevel.Information, "uninstall check: DaemonSet {DaemonSet}: {Decision} ({Why})")]
    public static partial void UninstallDecision(ILogger logger, string daemonSet, string decision, string why);
}
