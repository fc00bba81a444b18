using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Logging;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Controller.Admission;

/// <summary>
/// Asks the API for NADs the cache does not have: a NAD created a moment before its pod (one <c>kubectl apply</c> of
/// both) may not have reached the watch yet, and must not get the pod denied. Only cache misses cost a call.
/// </summary>
internal sealed class NadFetcher(INetworkDefinitionSource api, NadCache cache, ControllerOptions options, ILogger<NadFetcher> logger)
{
    /// <summary>The NADs found (null when the API says there is none); keys the API could not answer for are left out.</summary>
    public async Task<Dictionary<NadKey, NetworkAttachmentDefinition?>> FetchAsync(IReadOnlyCollection<NadKey> keys, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.LookupTimeout);
        var lookups = keys.Select(async key =>
        {
            try
            {
                NetworkAttachmentDefinition? nad = await api.GetAsync(key.Namespace, key.Name, timeout.Token).ConfigureAwait(false);
                if (nad is not null)
                {
                    cache.Put(nad);
                }

                return (key, nad, ok: true);
            }
            catch (Exception e) when (e is CniException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LookupFailed(key.ToString(), e.Message);
                return (key, nad: (NetworkAttachmentDefinition?)null, ok: false);
            }
        });
        var results = await Task.WhenAll(lookups).ConfigureAwait(false);
        return results.Where(r => r.ok).ToDictionary(r => r.key, r => r.nad);
    }
}
