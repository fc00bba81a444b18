namespace MultiNet.KubeApi;

/// <summary>A pod reduced to its metadata: the rest of the object is skipped unread.</summary>
internal sealed class PodWire
{
    public ObjectMetaWire? Metadata { get; set; }
}
