using MultiNet.Attachments.Cluster;

namespace MultiNet.Daemon.Caches;

/// <summary>
/// The pod source of one request: the node's pod cache, and a live GET when the pod is not there yet (created a
/// moment ago) or the cached pod has another uid than the runtime's (deleted and re-created under the same name).
/// </summary>
internal sealed class PodLookup(PodCache cache, IPodSource live, string? expectedUid) : IPodSource
{
    public async Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        var cached = cache.Store.Find(podNamespace, podName);
        if (cached is not null && (expectedUid is null || cached.Uid.Length == 0 || cached.Uid == expectedUid))
        {
            return cached;
        }

        return await live.GetPodAsync(podNamespace, podName, cancellationToken).ConfigureAwait(false);
    }
}
