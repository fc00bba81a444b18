namespace MultiNet.KubeApi;

/// <summary>The parts of <c>metadata</c> the plugin reads.</summary>
internal sealed class ObjectMetaWire
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
}
