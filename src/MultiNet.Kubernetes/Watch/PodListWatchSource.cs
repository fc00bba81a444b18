using k8s;
using k8s.Models;

namespace MultiNet.Kubernetes.Watch;

/// <summary>Pods of every namespace, listed in pages and watched with bookmarks, through KubernetesClient.</summary>
public sealed class PodListWatchSource(IKubernetes client, int pageSize = 500, int watchTimeoutSeconds = 300) : IListWatchSource<V1Pod>
{
    /// <inheritdoc />
    public string Resource => "pods";

    /// <inheritdoc />
    public async Task<(IReadOnlyList<V1Pod> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<V1Pod>();
        string? next = null;
        string version;
        do
        {
            V1PodList page = await client.CoreV1.ListPodForAllNamespacesAsync(
                continueParameter: next, limit: pageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            next = page.Metadata?.ContinueProperty;
            version = page.Metadata?.ResourceVersion ?? "";
        }
        while (!string.IsNullOrEmpty(next));

        return (items, version);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchChange<V1Pod>> WatchAsync(string resourceVersion, Action<string> progress, CancellationToken cancellationToken) =>
        WatchEvents.ReadAsync<V1Pod, V1Pod>(
            onError => client.CoreV1.WatchListPodForAllNamespacesAsync(
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds,
                onError: onError, cancellationToken: cancellationToken),
            pod => (pod, pod?.Metadata?.ResourceVersion),
            progress,
            Resource);
}
