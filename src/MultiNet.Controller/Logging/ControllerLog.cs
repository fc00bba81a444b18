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

    [LoggerMessage(3009, LogLevel.Information, "leading: lease held by {Identity}; this replica writes Events and certificates")]
    public static partial void LeaseAcquired(this ILogger logger, string identity);

    [LoggerMessage(3010, LogLevel.Warning, "no longer leading ({Identity}); lease holder now \"{Holder}\"")]
    public static partial void LeaseLost(this ILogger logger, string identity, string holder);

    [LoggerMessage(3011, LogLevel.Warning, "lease: {Reason}")]
    public static partial void LeaseAttemptFailed(this ILogger logger, string reason);

    [LoggerMessage(3012, LogLevel.Error, "leader task {Task} failed; it runs again when this replica next leads")]
    public static partial void LeaderTaskFailed(this ILogger logger, string task, Exception exception);

    [LoggerMessage(3013, LogLevel.Information, "secret {Secret}: {What}")]
    public static partial void CertificateSecretWritten(this ILogger logger, string secret, string what);

    [LoggerMessage(3014, LogLevel.Information, "validatingwebhookconfiguration {Name}: caBundle set on {Count} webhooks ({Authorities} CAs)")]
    public static partial void CaBundleWritten(this ILogger logger, string name, int count, int authorities);

    [LoggerMessage(3015, LogLevel.Error, "certificate rotation: {Reason}")]
    public static partial void RotationFailed(this ILogger logger, string reason);

    [LoggerMessage(3016, LogLevel.Warning, "secret {Secret} cannot be served (keeping the current certificate): {Reason}")]
    public static partial void SecretReloadFailed(this ILogger logger, string secret, string reason);
}
