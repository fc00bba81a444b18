using k8s;

namespace MultiNet.Kubernetes.Watch;

/// <summary>KubernetesClient's event types to ours; bookmarks and errors are not changes.</summary>
internal static class WatchTypes
{
    /// <summary>The change type, or null for a bookmark or an error event.</summary>
    public static WatchChangeType? Map(WatchEventType type) => type switch
    {
        WatchEventType.Added => WatchChangeType.Added,
        WatchEventType.Modified => WatchChangeType.Modified,
        WatchEventType.Deleted => WatchChangeType.Deleted,
        _ => null,
    };
}
