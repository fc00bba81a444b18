using k8s.Models;
using MultiNet.Kubernetes.Watch;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Caches;

/// <summary>
/// The pods that ask for networks, indexed by the NADs they name, kept by a watch: the "NAD in use" check and the
/// reconciler read it. Pods without network annotations are not kept, so the cache stays small on big clusters.
/// </summary>
internal sealed class PodCache(PodRuleOptions rules) : IWatchCacheSink<V1Pod>
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodRecord> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<NadKey, HashSet<string>> _users = [];

    /// <summary>Raised (on the watch thread) for a pod that was added or changed; null record when it was removed.</summary>
    public event Action<string, PodRecord?>? Changed;

    /// <summary>How many pods ask for secondary networks.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pods.Count;
            }
        }
    }

    /// <summary>The record of a pod (<c>namespace/name</c>), or null.</summary>
    public PodRecord? Get(string key)
    {
        lock (_lock)
        {
            return _pods.GetValueOrDefault(key);
        }
    }

    /// <summary>Every cached pod.</summary>
    public IReadOnlyList<PodRecord> All()
    {
        lock (_lock)
        {
            return [.. _pods.Values];
        }
    }

    /// <summary>The active pods that name <paramref name="nad"/>, sorted by namespace/name.</summary>
    public IReadOnlyList<PodRecord> ActiveUsersOf(NadKey nad)
    {
        lock (_lock)
        {
            return _users.TryGetValue(nad, out HashSet<string>? keys)
                ? [.. keys.Select(k => _pods[k]).Where(p => p.Active).OrderBy(p => p.Key, StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The pods (active or not) that name <paramref name="nad"/>.</summary>
    public IReadOnlyList<PodRecord> UsersOf(NadKey nad)
    {
        lock (_lock)
        {
            return _users.TryGetValue(nad, out HashSet<string>? keys) ? [.. keys.Select(k => _pods[k])] : [];
        }
    }

    /// <inheritdoc />
    public void Replace(IReadOnlyList<V1Pod> items)
    {
        var fresh = new Dictionary<string, PodRecord>(StringComparer.Ordinal);
        foreach (V1Pod pod in items)
        {
            if (PodRecordMapper.Map(pod, rules) is { } record)
            {
                fresh[record.Key] = record;
            }
        }

        var changes = new List<(string, PodRecord?)>();
        lock (_lock)
        {
            foreach (string gone in _pods.Keys.Where(k => !fresh.ContainsKey(k)).ToList())
            {
                Remove(gone);
                changes.Add((gone, null));
            }

            foreach ((string key, PodRecord record) in fresh)
            {
                if (!_pods.TryGetValue(key, out PodRecord? old) || !SameAs(old, record))
                {
                    Set(record);
                    changes.Add((key, record));
                }
            }
        }

        changes.ForEach(c => Changed?.Invoke(c.Item1, c.Item2));
    }

    /// <inheritdoc />
    public void Apply(WatchChange<V1Pod> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string key = $"{change.Item.Metadata?.NamespaceProperty ?? "default"}/{change.Item.Metadata?.Name}";
        PodRecord? record = change.Type == WatchChangeType.Deleted ? null : PodRecordMapper.Map(change.Item, rules);
        lock (_lock)
        {
            if (record is null)
            {
                if (!_pods.ContainsKey(key))
                {
                    return;
                }

                Remove(key);
            }
            else
            {
                if (_pods.TryGetValue(key, out PodRecord? old) && SameAs(old, record))
                {
                    return;
                }

                Set(record);
            }
        }

        Changed?.Invoke(key, record);
    }

    private static bool SameAs(PodRecord a, PodRecord b) =>
        a.Uid == b.Uid && a.Active == b.Active && a.HostNetwork == b.HostNetwork
        && a.Annotations.Count == b.Annotations.Count && a.Annotations.All(kv => b.Annotations.GetValueOrDefault(kv.Key) == kv.Value);

    private void Set(PodRecord record)
    {
        Remove(record.Key);
        _pods[record.Key] = record;
        foreach (NadKey nad in record.References)
        {
            if (!_users.TryGetValue(nad, out HashSet<string>? keys))
            {
                keys = new HashSet<string>(StringComparer.Ordinal);
                _users[nad] = keys;
            }

            keys.Add(record.Key);
        }
    }

    private void Remove(string key)
    {
        if (!_pods.Remove(key, out PodRecord? old))
        {
            return;
        }

        foreach (NadKey nad in old.References)
        {
            if (_users.TryGetValue(nad, out HashSet<string>? keys) && keys.Remove(key) && keys.Count == 0)
            {
                _users.Remove(nad);
            }
        }
    }
}
