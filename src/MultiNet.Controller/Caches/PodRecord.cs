namespace MultiNet.Controller.Caches;

/// <summary>What the controller keeps of a pod that asks for networks: just enough for in-use checks and events.</summary>
internal sealed record PodRecord
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>UID.</summary>
    public string Uid { get; init; } = "";

    /// <summary>The network annotations only (networks, default-network and its alias).</summary>
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>The NADs the annotations name (empty when they do not parse).</summary>
    public required IReadOnlyList<NadKey> References { get; init; }

    /// <summary>True while the pod holds (or will hold) its attachments: not finished and not being deleted.</summary>
    public bool Active { get; init; }

    /// <summary>True when the pod uses the host network (no CNI call).</summary>
    public bool HostNetwork { get; init; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Key => $"{Namespace}/{Name}";
}
