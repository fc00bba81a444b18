using System.Text.Json.Nodes;

namespace MultiNet.NetworkPlumbing.Status;

/// <summary>One entry of <c>k8s.v1.cni.cncf.io/network-status</c> (NPWG spec §5, keys as the Go client writes them).</summary>
public sealed record NetworkStatus
{
    /// <summary>The network (<c>namespace/name</c> for a NAD, or the cluster network's name).</summary>
    public required string Name { get; init; }

    /// <summary>The interface in the pod.</summary>
    public string? Interface { get; init; }

    /// <summary>Addresses on that interface, without prefix length.</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];

    /// <summary>The interface's MAC address.</summary>
    public string? Mac { get; init; }

    /// <summary>The interface's MTU.</summary>
    public int? Mtu { get; init; }

    /// <summary>True only for the cluster default network's entry.</summary>
    public bool Default { get; init; }

    /// <summary>DNS settings the delegate returned.</summary>
    public NetworkStatusDns? Dns { get; init; }

    /// <summary>Gateways of the attachment's default routes (<c>gateway</c>).</summary>
    public IReadOnlyList<string>? Gateway { get; init; }

    /// <summary>Device information (<c>device-info</c>, Device Information Spec).</summary>
    public JsonObject? DeviceInfo { get; init; }
}
