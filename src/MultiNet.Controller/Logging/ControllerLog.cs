using Microsoft.Extensions.Logging;

namespace MultiNet.Controller.Logging;

/// <summary>Log messages of multinet-controller (event ids 3000–3099).</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(3000, LogLevel.Warning, "network attachment definition skipped: {Reason}")]
    public static partial void UnreadableNad(this ILogger logger, string reason);

    [LoggerMessage(3001, LogLevel.Information, "{Kind} {Operation} {Namespace}/{Name} denied: {Reason}")]
    public static partial void Denied(this ILogger logger, string kind, string operation, string @namespace, string name, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "malformed admission review from {Remote}: {Reason}")]
    public static partial void MalformedReview(this ILogger logger, string? remote, string reason);

    [LoggerMessage(3003, LogLevel.Information, "serving certificate loaded: subject {Subject}, thumbprint {Thumbprint}, expires {Expires:o}")]
    public static partial void CertificateLoaded(this ILogger logger, string subject, string thumbprint, DateTime expires);

    [LoggerMessage(3004, LogLevel.Warning, "serving certificate files changed but cannot be loaded yet (keeping the current one): {Reason}")]
    public static partial void CertificateReloadFailed(this ILogger logger, string reason);

    [LoggerMessage(3005, LogLevel.Warning, "could not look up network {Network} that is not cached: {Reason}")]
    public static partial void LookupFailed(this ILogger logger, string network, string reason);

    [LoggerMessage(3006, LogLevel.Information, "multinet-controller listening on {Address}")]
    public static partial void Listening(this ILogger logger, string address);

    [LoggerMessage(3007, LogLevel.Error, "admission of {Kind} failed unexpectedly")]
    public static partial void AdmissionCrashed(this ILogger logger, Exception exception, string kind);

    [LoggerMessage(3008, LogLevel.Warning, "pod event worker: {Reason}")]
    public static partial void EventWorkerFailed(this ILogger logger, string reason);
}
