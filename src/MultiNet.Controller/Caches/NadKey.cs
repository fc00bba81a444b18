namespace MultiNet.Controller.Caches;

/// <summary>A NetworkAttachmentDefinition's identity.</summary>
internal readonly record struct NadKey(string Namespace, string Name)
{
    /// <summary><c>namespace/name</c>.</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
