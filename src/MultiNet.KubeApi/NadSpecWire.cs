namespace MultiNet.KubeApi;

/// <summary>The <c>spec</c> of a NetworkAttachmentDefinition.</summary>
internal sealed class NadSpecWire
{
    public string? Config { get; set; }
}
