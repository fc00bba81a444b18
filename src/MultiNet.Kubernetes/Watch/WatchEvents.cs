using k8s;

namespace MultiNet.Kubernetes.Watch;

/// <summary>
/// Reads a KubernetesClient watch stream: maps each object, reports every newer resourceVersion (bookmarks too),
/// drops bookmarks, and turns what KubernetesClient reports through its error callback into an exception.
/// </summary>
internal static class WatchEvents
{
    /// <summary>The changes of the stream <paramref name="start"/> opens (it is given the error callback to pass on).</summary>
    public static async IAsyncEnumerable<WatchChange<T>> ReadAsync<TRaw, T>(
        Func<Action<Exception>, IAsyncEnumerable<(WatchEventType Type, TRaw Raw)>> start,
        Func<TRaw, (T? Item, string? Version)> map,
        Action<string> progress,
        string resource)
        where T : class
    {
        Exception? error = null;
        await foreach ((WatchEventType type, TRaw raw) in start(e => error ??= e).ConfigureAwait(false))
        {
            if (error is not null)
            {
                break;
            }

            (T? item, string? version) = map(raw);
            if (version is { Length: > 0 })
            {
                progress(version);
            }

            if (item is not null && WatchTypes.Map(type) is { } change)
            {
                yield return new WatchChange<T>(change, item);
            }
        }

        if (error is not null)
        {
            throw KubeWatchErrors.Translate(error, resource);
        }
    }
}
