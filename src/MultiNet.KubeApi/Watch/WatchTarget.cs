namespace MultiNet.KubeApi.Watch;

/// <summary>What a watcher lists and watches: a collection path and an optional field selector.</summary>
/// <param name="Resource">The resource as messages name it, e.g. <c>pods</c>.</param>
/// <param name="CollectionPath">Path of the collection, e.g. <c>/api/v1/pods</c> (all namespaces).</param>
/// <param name="FieldSelector">A field selector such as <c>spec.nodeName=node-1</c>, or null.</param>
internal sealed record WatchTarget(string Resource, string CollectionPath, string? FieldSelector = null)
{
    /// <summary>The pods scheduled to one node, in every namespace.</summary>
    public static WatchTarget PodsOnNode(string nodeName) => new("pods", "/api/v1/pods", $"spec.nodeName={nodeName}");

    /// <summary>Every NetworkAttachmentDefinition of the cluster.</summary>
    public static WatchTarget NetworkAttachmentDefinitions { get; } =
        new("network-attachment-definitions", "/apis/k8s.cni.cncf.io/v1/network-attachment-definitions");

    /// <summary>The path and query of a LIST page.</summary>
    public string ListPath(int limit, string? continueToken) =>
        CollectionPath + Query($"limit={limit}", continueToken is null ? null : "continue=" + Uri.EscapeDataString(continueToken));

    /// <summary>The path and query of a WATCH from <paramref name="resourceVersion"/>, with bookmarks.</summary>
    public string WatchPath(string resourceVersion, int timeoutSeconds) =>
        CollectionPath + Query("watch=true", "allowWatchBookmarks=true", "resourceVersion=" + Uri.EscapeDataString(resourceVersion),
            $"timeoutSeconds={timeoutSeconds}");

    private string Query(params string?[] parts)
    {
        var all = parts.Where(p => p is not null).ToList();
        if (FieldSelector is not null)
        {
            all.Add("fieldSelector=" + Uri.EscapeDataString(FieldSelector));
        }

        return "?" + string.Join('&', all);
    }
}
