namespace MultiNet.KubeApi.Watch;

/// <summary>The <c>metadata</c> of a list: where a watch starts and how to fetch the next page.</summary>
internal sealed class ListMetaWire
{
    public string? ResourceVersion { get; set; }
    public string? Continue { get; set; }
}
