namespace MultiNet.Cni.Results;

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
