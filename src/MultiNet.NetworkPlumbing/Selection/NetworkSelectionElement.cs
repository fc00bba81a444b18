using System.Text.Json.Nodes;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>One network a pod asked for in <c>k8s.v1.cni.cncf.io/networks</c> (NPWG spec §4.1.2), validated.</summary>
public sealed record NetworkSelectionElement
{
    /// <summary>The NetworkAttachmentDefinition name.</summary>
    public required string Name { get; init; }

    /// <summary>The NAD's namespace (the pod's namespace when the annotation gave none).</summary>
    public required string Namespace { get; init; }

    /// <summary>The interface name asked for (<c>interface</c>, or Multus's deprecated <c>interfaceRequest</c>), if any.</summary>
    public string? InterfaceRequest { get; init; }

    /// <summary>Static addresses (<c>ips</c>), each an IP with an optional <c>/prefix</c>.</summary>
    public IReadOnlyList<string>? Ips { get; init; }

    /// <summary>The MAC address asked for (<c>mac</c>).</summary>
    public string? Mac { get; init; }

    /// <summary>
    /// Gateway IPs for the pod's default route over this attachment (<c>default-route</c>). An empty list means the
    /// element carried the key without gateways; null means it did not carry it.
    /// </summary>
    public IReadOnlyList<string>? DefaultRoute { get; init; }

    /// <summary>Port mappings (<c>portMappings</c>).</summary>
    public IReadOnlyList<PortMapping>? PortMappings { get; init; }

    /// <summary>Traffic shaping (<c>bandwidth</c>).</summary>
    public BandwidthRequest? Bandwidth { get; init; }

    /// <summary>Arguments for the delegate (<c>cni-args</c>), passed as <c>args.cni</c>.</summary>
    public JsonObject? CniArgs { get; init; }

    /// <summary>The InfiniBand GUID asked for (<c>infiniband-guid</c>).</summary>
    public string? InfinibandGuid { get; init; }

    /// <summary>The IPAMClaim whose addresses to use (<c>ipam-claim-reference</c>).</summary>
    public string? IpamClaimReference { get; init; }

    /// <summary>A device id (Multus's <c>deviceID</c>).</summary>
    public string? DeviceId { get; init; }

    /// <summary>Zero-based position of the element in the annotation (messages count from 1).</summary>
    public int Index { get; init; }
}
