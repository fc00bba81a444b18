using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Cni.Protocol;
using MultiNet.Daemon.CniConfig;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Install;

/// <summary>
/// Uninstall or restart? Asks the API for the DaemonSet this pod belongs to: gone (404) or being deleted
/// (<c>deletionTimestamp</c>) is an uninstall; so is a refused token or permission (401/403), because
/// <c>kubectl delete -k</c> removes the service account and RBAC before the DaemonSet. Present is a restart (rolling
/// update, node shutdown). No answer is a restart too: an uninstall goes through a reachable API server.
/// </summary>
internal sealed class DaemonSetUninstallProbe(ApiEndpoint endpoint, string daemonSetNamespace, string daemonSetName, ILogger? logger = null)
    : IUninstallSignal
{
    /// <summary>Environment variable naming the DaemonSet (set in the manifests).</summary>
    public const string NameVariable = "MULTINET_DAEMONSET_NAME";

    /// <summary>Environment variable with the pod's namespace (downward API).</summary>
    public const string NamespaceVariable = "POD_NAMESPACE";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>A probe from <see cref="NameVariable"/> and <see cref="NamespaceVariable"/>, or null when either is unset.</summary>
    public static DaemonSetUninstallProbe? FromEnvironment(ApiEndpoint endpoint, Func<string, string?> environment, ILogger? logger = null) =>
        environment(NameVariable) is { Length: > 0 } name && environment(NamespaceVariable) is { Length: > 0 } ns
            ? new DaemonSetUninstallProbe(endpoint, ns, name, logger)
            : null;

    /// <inheritdoc/>
    public async Task<bool> IsUninstallingAsync(CancellationToken cancellationToken)
    {
        var path = $"/apis/apps/v1/namespaces/{ApiCall.Segment(daemonSetNamespace)}/daemonsets/{ApiCall.Segment(daemonSetName)}";
        var call = new ApiCall(HttpMethod.Get, "daemonsets", daemonSetNamespace, daemonSetName, path);
        var options = new ThinApiClientOptions { RequestTimeout = TimeSpan.FromSeconds(2), MaxAttempts = 2, Component = "multinetd" };
        try
        {
            using var transport = new ApiTransport(endpoint, options, TimeProvider.System, _logger);
            var response = await transport.SendAsync(call, cancellationToken).ConfigureAwait(false);
            var (uninstalling, why) = Judge(response);
            InstallLog.UninstallDecision(_logger, $"{daemonSetNamespace}/{daemonSetName}", uninstalling ? "uninstall" : "restart", why);
            return uninstalling;
        }
        catch (Exception e) when (e is CniException or HttpRequestException or OperationCanceledException or IOException)
        {
            InstallLog.UninstallDecision(_logger, $"{daemonSetNamespace}/{daemonSetName}", "restart", $"no answer from the API: {e.Message}");
            return false;
        }
    }

    private static (bool Uninstalling, string Why) Judge(ApiResponse response)
    {
        switch (response.StatusCode)
        {
            case 404:
                return (true, "the DaemonSet is gone");
            case 401 or 403:
                return (true, $"the API refused this pod's credentials ({ApiResponse.Describe(response.StatusCode, response.Body)}): its service account or RBAC was removed");
            case >= 200 and < 300:
                try
                {
                    return JsonNode.Parse(response.Body)?["metadata"]?["deletionTimestamp"] is not null
                        ? (true, "the DaemonSet is being deleted")
                        : (false, "the DaemonSet is still there");
                }
                catch (JsonException e)
                {
                    return (false, $"unreadable answer: {e.Message}");
                }

            default:
                return (false, $"unexpected answer {ApiResponse.Describe(response.StatusCode, response.Body)}");
        }
    }
}
