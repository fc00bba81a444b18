using MultiNet.KubeApi.Watch;

namespace MultiNet.KubeApi.Tests.Watch;

/// <summary>A sink that keeps pods by namespace/name and counts whole-list replacements.</summary>
internal sealed class RecordingSink : IWatchSink<PodWire>
{
    private readonly Dictionary<string, PodWire> _items = [];

    public int Replacements { get; private set; }

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_items)
            {
                return [.. _items.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public string? Annotation(string key, string annotation)
    {
        lock (_items)
        {
            return _items.TryGetValue(key, out var pod) ? pod.Metadata?.Annotations?.GetValueOrDefault(annotation) : null;
        }
    }

    public void Replace(IReadOnlyList<PodWire> items)
    {
        lock (_items)
        {
            Replacements++;
            _items.Clear();
            foreach (var item in items)
            {
                _items[KeyOf(item)] = item;
            }
        }
    }

    public void Upsert(PodWire item)
    {
        lock (_items)
        {
            _items[KeyOf(item)] = item;
        }
    }

    public void Remove(PodWire item)
    {
        lock (_items)
        {
            _items.Remove(KeyOf(item));
        }
    }

    private static string KeyOf(PodWire pod) => $"{pod.Metadata?.Namespace}/{pod.Metadata?.Name}";
}
