namespace MultiNet.Cni.Results;

/// <summary>
/// A CNI success result in the 1.x shape (the hub every version converts through).
/// <see cref="CniVersion"/> records the version it was produced in.
/// </summary>
public sealed record CniResult
{
    /// <summary>The version the result was produced in.</summary>
    public string CniVersion { get; init; } = "1.1.0";

    /// <summary>Interfaces created or touched.</summary>
    public IReadOnlyList<ResultInterface> Interfaces { get; init; } = [];

    /// <summary>IP configuration.</summary>
    public IReadOnlyList<ResultIp> Ips { get; init; } = [];

    /// <summary>Routes.</summary>
    public IReadOnlyList<ResultRoute> Routes { get; init; } = [];

    /// <summary>DNS settings, if any.</summary>
    public ResultDns? Dns { get; init; }
}

/// <summary>An entry of <c>interfaces</c>.</summary>
public sealed record ResultInterface
{
    /// <summary>Interface name.</summary>
    public required string Name { get; init; }
    /// <summary>Hardware address.</summary>
    public string? Mac { get; init; }
    /// <summary>Netns path for container interfaces; null for host interfaces.</summary>
    public string? Sandbox { get; init; }
    /// <summary>MTU (1.1.0).</summary>
    public uint? Mtu { get; init; }
    /// <summary>Socket path (1.1.0).</summary>
    public string? SocketPath { get; init; }
    /// <summary>PCI id (1.1.0).</summary>
    public string? PciId { get; init; }
}

/// <summary>An entry of <c>ips</c>.</summary>
public sealed record ResultIp
{
    /// <summary>Address in CIDR form.</summary>
    public required string Address { get; init; }
    /// <summary>Gateway, if any.</summary>
    public string? Gateway { get; init; }
    /// <summary>Index into <see cref="CniResult.Interfaces"/>, if any.</summary>
    public int? Interface { get; init; }
}

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

/// <summary>The <c>dns</c> object.</summary>
public sealed record ResultDns
{
    /// <summary>Name servers.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];
    /// <summary>Domain.</summary>
    public string? Domain { get; init; }
    /// <summary>Search domains.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];
    /// <summary>Resolver options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
