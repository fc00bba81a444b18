namespace MultiNet.KubeApi;

/// <summary>A NetworkAttachmentDefinition reduced to its metadata and <c>spec.config</c>.</summary>
internal sealed class NadWire
{
    public ObjectMetaWire? Metadata { get; set; }
    public NadSpecWire? Spec { get; set; }
}
