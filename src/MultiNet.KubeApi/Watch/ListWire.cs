namespace MultiNet.KubeApi.Watch;

/// <summary>A LIST answer: its resourceVersion and continue token, and the items reduced to <typeparamref name="T"/>.</summary>
internal sealed class ListWire<T>
{
    public ListMetaWire? Metadata { get; set; }
    public List<T>? Items { get; set; }
}
