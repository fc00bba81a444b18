using MultiNet.Attachments.Cluster;
using MultiNet.KubeApi;
using MultiNet.KubeApi.Watch;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Daemon.Caches;

/// <summary>
/// The pods of this node, trimmed to namespace, name, uid and the annotations the engine reads (network selection
/// and default network); everything else of a pod is skipped while parsing.
/// </summary>
internal sealed class PodCache : IWatchSink<PodWire>
{
    private static readonly HashSet<string> KeptAnnotations = new(StringComparer.Ordinal)
    {
        NetworkSelectionParser.AnnotationKey,
        NetworkSelectionParser.DefaultNetworkAnnotationKey,
        NetworkSelectionParser.DefaultNetworkAliasKey,
    };

    public ObjectCache<PodInfo> Store { get; } = new();

    public void Replace(IReadOnlyList<PodWire> items) =>
        Store.Replace(items.Select(Trim).Select(p => KeyValuePair.Create(ObjectCache<PodInfo>.Key(p.Namespace, p.Name), p)));

    public void Upsert(PodWire item)
    {
        var pod = Trim(item);
        Store.Set(ObjectCache<PodInfo>.Key(pod.Namespace, pod.Name), pod);
    }

    public void Remove(PodWire item)
    {
        var pod = Trim(item);
        Store.Remove(ObjectCache<PodInfo>.Key(pod.Namespace, pod.Name));
    }

    private static PodInfo Trim(PodWire wire) => WireMapper.ToPodInfo(wire, "", "", KeptAnnotations.Contains);
}
