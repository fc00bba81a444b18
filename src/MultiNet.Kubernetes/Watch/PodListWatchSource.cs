using System.Runtime.CompilerServices;
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
    public async IAsyncEnumerable<WatchChange<V1Pod>> WatchAsync(
        string resourceVersion, Action<string> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        Exception? error = null;
        var events = client.CoreV1.WatchListPodForAllNamespacesAsync(
            allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds,
            onError: e => error ??= e, cancellationToken: cancellationToken);
        await foreach ((WatchEventType type, V1Pod pod) in events.ConfigureAwait(false))
        {
            if (error is not null)
            {
                break;
            }

            if (pod?.Metadata?.ResourceVersion is { Length: > 0 } version)
            {
                progress(version);
            }

            if (pod is not null && WatchTypes.Map(type) is { } change)
            {
                yield return new WatchChange<V1Pod>(change, pod);
            }
        }

        if (error is not null)
        {
            throw KubeWatchErrors.Translate(error, Resource);
        }
    }
}
