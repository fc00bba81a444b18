namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>An entry of a selection element's <c>portMappings</c> (the CNI <c>portMappings</c> capability).</summary>
public sealed record PortMapping
{
    /// <summary>Port on the host, 1–65535.</summary>
    public int HostPort { get; init; }

    /// <summary>Port in the pod, 1–65535.</summary>
    public int ContainerPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>sctp</c> (always lowercase).</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>Host address to bind, if any (<c>hostIP</c>).</summary>
    public string? HostIp { get; init; }
}
