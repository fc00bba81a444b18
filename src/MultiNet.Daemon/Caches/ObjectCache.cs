namespace MultiNet.Daemon.Caches;

/// <summary>
/// A namespace/name keyed store fed by a watch (whole lists on relist, single changes otherwise), with hit and miss
/// counts for the metrics. Reads are lock-free snapshots of an immutable-per-entry dictionary.
/// </summary>
internal sealed class ObjectCache<T>
    where T : class
{
    private readonly Lock _gate = new();
    private Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private long _hits;
    private long _misses;

    public int Count => Volatile.Read(ref _items).Count;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    public static string Key(string ns, string name) => ns + "/" + name;

    public T? Find(string ns, string name)
    {
        lock (_gate)
        {
            if (_items.TryGetValue(Key(ns, name), out var item))
            {
                Interlocked.Increment(ref _hits);
                return item;
            }
        }

        Interlocked.Increment(ref _misses);
        return null;
    }

    public void Replace(IEnumerable<KeyValuePair<string, T>> items)
    {
        var fresh = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, item) in items)
        {
            fresh[key] = item;
        }

        lock (_gate)
        {
            Volatile.Write(ref _items, fresh);
        }
    }

    public void Set(string key, T item)
    {
        lock (_gate)
        {
            _items[key] = item;
        }
    }

    public void Remove(string key)
    {
        lock (_gate)
        {
            _items.Remove(key);
        }
    }
}
