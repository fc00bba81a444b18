using System.Text.Json.Nodes;
using MultiNet.Cni.Config;

namespace MultiNet.Attachments.Planning;

/// <summary>One network to attach: everything a delegate call needs, fixed before the first delegate runs.</summary>
public sealed record PlannedAttachment
{
    /// <summary>The name in network-status: <c>namespace/name</c> for a NAD, the config's <c>name</c> otherwise.</summary>
    public required string NetworkName { get; init; }
    /// <summary>The interface name inside the pod.</summary>
    public required string IfName { get; init; }
    /// <summary>True for the cluster (default) network.</summary>
    public bool IsClusterNetwork { get; init; }
    /// <summary>The delegate configuration, with <c>args.cni</c> and device ids already injected.</summary>
    public required NetworkConfigList Config { get; init; }
    /// <summary>Capability arguments offered to the plugins (each plugin gets the ones it declares).</summary>
    public JsonObject CapabilityArgs { get; init; } = [];
    /// <summary>
    /// CNI_ARGS of this attachment alone, when they differ from the plan's (Multus gave each delegate its own, e.g.
    /// <c>MAC=</c>); null for MultiNet's own plans. Only attachments read from Multus's caches have them, and those are
    /// never written as a MultiNet checkpoint.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Args { get; init; }
    /// <summary>Gateways this attachment should own the default route with (one per family at most).</summary>
    public IReadOnlyList<string> DefaultRouteGateways { get; init; } = [];
    /// <summary>The NPWG device-info file passed as <c>CNIDeviceInfoFile</c>, if any.</summary>
    public string? DeviceInfoFile { get; init; }
    /// <summary>The device-plugin device-info file to copy into <see cref="DeviceInfoFile"/> before ADD, if any.</summary>
    public string? DevicePluginInfoFile { get; init; }
}
