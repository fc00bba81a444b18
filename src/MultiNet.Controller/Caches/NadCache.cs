using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultiNet.Cni.Protocol;
using MultiNet.Controller.Logging;
using MultiNet.Kubernetes.Watch;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Controller.Caches;

/// <summary>
/// Every NetworkAttachmentDefinition of the cluster, kept by a watch, so an admission looks NADs up without an API call.
/// The same object is handed out until the NAD changes, which lets the rules memoise their verdict per object.
/// </summary>
internal sealed class NadCache(ILogger<NadCache> logger) : IWatchCacheSink<JsonObject>
{
    private readonly ConcurrentDictionary<NadKey, NetworkAttachmentDefinition> _items = new();

    /// <summary>Raised (on the watch thread) for every NAD that was added, changed or removed.</summary>
    public event Action<NadKey>? Changed;

    /// <summary>How many NADs are cached.</summary>
    public int Count => _items.Count;

    /// <summary>The NAD, or null when the cluster has none by that name.</summary>
    public NetworkAttachmentDefinition? Lookup(string ns, string name) => _items.GetValueOrDefault(new NadKey(ns, name));

    /// <inheritdoc />
    public void Replace(IReadOnlyList<JsonObject> items)
    {
        var fresh = new Dictionary<NadKey, NetworkAttachmentDefinition>();
        foreach (JsonObject item in items)
        {
            if (Map(item) is { } nad)
            {
                fresh[new NadKey(nad.Namespace, nad.Name)] = nad;
            }
        }

        var changed = new List<NadKey>();
        foreach (NadKey gone in _items.Keys.Where(k => !fresh.ContainsKey(k)))
        {
            _items.TryRemove(gone, out _);
            changed.Add(gone);
        }

        foreach ((NadKey key, NetworkAttachmentDefinition nad) in fresh)
        {
            if (!_items.TryGetValue(key, out NetworkAttachmentDefinition? old) || old != nad)
            {
                _items[key] = nad;
                changed.Add(key);
            }
        }

        changed.ForEach(Notify);
    }

    /// <inheritdoc />
    public void Apply(WatchChange<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Map(change.Item) is not { } nad)
        {
            return;
        }

        var key = new NadKey(nad.Namespace, nad.Name);
        if (change.Type == WatchChangeType.Deleted)
        {
            _items.TryRemove(key, out _);
        }
        else
        {
            _items[key] = nad;
        }

        Notify(key);
    }

    /// <summary>Puts a NAD in the cache directly (a lookup that missed the watch, or a test).</summary>
    public void Put(NetworkAttachmentDefinition nad)
    {
        ArgumentNullException.ThrowIfNull(nad);
        _items.TryAdd(new NadKey(nad.Namespace, nad.Name), nad);
    }

    private NetworkAttachmentDefinition? Map(JsonObject item)
    {
        try
        {
            return NetworkAttachmentDefinitionJson.FromJson(item);
        }
        catch (CniException e)
        {
            // The CRD schema makes this rare; one odd object must not stop the cache.
            logger.UnreadableNad(e.Message);
            return null;
        }
    }

    private void Notify(NadKey key) => Changed?.Invoke(key);
}
