namespace MultiNet.Cni.Results;

/// <summary>An entry of <c>routes</c>.</summary>
public sealed record ResultRoute
{
    /// <summary>Destination in CIDR form.</summary>
    public required string Dst { get; init; }
    /// <summary>Next hop, if any.</summary>
    public string? Gw { get; init; }
    /// <summary>MTU (1.1.0).</summary>
    public uint? Mtu { get; init; }
    /// <summary>Advertised MSS (1.1.0).</summary>
    public uint? AdvMss { get; init; }
    /// <summary>Priority (1.1.0).</summary>
    public uint? Priority { get; init; }
    /// <summary>Routing table (1.1.0).</summary>
    public uint? Table { get; init; }
    /// <summary>Scope (1.1.0).</summary>
    public uint? Scope { get; init; }
}
