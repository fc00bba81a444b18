namespace MultiNet.Attachments.Cluster;

/// <summary>What the engine needs to know of a pod.</summary>
public sealed record PodInfo
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }
    /// <summary>Name.</summary>
    public required string Name { get; init; }
    /// <summary>UID (empty when the source does not know it).</summary>
    public string Uid { get; init; } = "";
    /// <summary>Annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
