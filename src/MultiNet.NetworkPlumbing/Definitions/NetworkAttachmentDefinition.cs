namespace MultiNet.NetworkPlumbing.Definitions;

/// <summary>A NetworkAttachmentDefinition (k8s.cni.cncf.io/v1), reduced to what the engine uses.</summary>
public sealed record NetworkAttachmentDefinition
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary><c>spec.config</c>: a CNI conf or conflist as JSON text; null or empty means "use the file in confDir named like the NAD".</summary>
    public string? Config { get; init; }
    /// <summary>The <c>k8s.v1.cni.cncf.io/resourceName</c> annotation, if any.</summary>
    public string? ResourceName { get; init; }
    /// <summary>Well-known annotation naming the device-plugin resource.</summary>
    public const string ResourceNameAnnotation = "k8s.v1.cni.cncf.io/resourceName";
}
