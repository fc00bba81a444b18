using MultiNet.Attachments.Cluster;
using MultiNet.KubeApi;
using MultiNet.KubeApi.Watch;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Daemon.Caches;

/// <summary>
/// Every NAD of the cluster (name, namespace, <c>spec.config</c>, resourceName). A miss asks the API once: a NAD
/// created a moment ago works before its watch event arrives.
/// </summary>
internal sealed class NadCache(INetworkDefinitionSource live) : IWatchSink<NadWire>, INetworkDefinitionSource
{
    public ObjectCache<NetworkAttachmentDefinition> Store { get; } = new();

    public async Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken) =>
        Store.Find(nadNamespace, nadName) ?? await live.GetAsync(nadNamespace, nadName, cancellationToken).ConfigureAwait(false);

    public void Replace(IReadOnlyList<NadWire> items) =>
        Store.Replace(items.Select(Map).Select(n => KeyValuePair.Create(ObjectCache<NetworkAttachmentDefinition>.Key(n.Namespace, n.Name), n)));

    public void Upsert(NadWire item)
    {
        var nad = Map(item);
        Store.Set(ObjectCache<NetworkAttachmentDefinition>.Key(nad.Namespace, nad.Name), nad);
    }

    public void Remove(NadWire item)
    {
        var nad = Map(item);
        Store.Remove(ObjectCache<NetworkAttachmentDefinition>.Key(nad.Namespace, nad.Name));
    }

    private static NetworkAttachmentDefinition Map(NadWire wire) => WireMapper.ToNad(wire, "", "");
}
