using MultiNet.NetworkPlumbing.Selection;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>Rules on one selection element that need no NAD: names the cluster network owns, MACs no interface can take.</summary>
internal static class SelectionRules
{
    /// <summary>Checks <paramref name="e"/> on its own.</summary>
    public static void CheckRequestOnly(NetworkSelectionElement e, PodRuleOptions options, FindingList findings)
    {
        const string key = NetworkSelectionParser.AnnotationKey;
        if (e.InterfaceRequest is { } iface && string.Equals(iface, options.ClusterInterfaceName, StringComparison.Ordinal))
        {
            findings.Error(SelectionFindings.FieldPath(key, e.Index, "interface"), RuleReasons.InterfaceReserved,
                $"{QuotedValue.Of(iface)} is the cluster network's interface, so this attachment would fail; pick another name such as \"net1\" or \"data0\"");
        }

        // The I/G bit: the kernel refuses a multicast address as an interface's own.
        if (e.Mac is { } mac && (Convert.ToByte(mac[..2], 16) & 1) == 1)
        {
            string unicast = (Convert.ToByte(mac[..2], 16) & 0xfe).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + mac[2..];
            findings.Warning(SelectionFindings.FieldPath(key, e.Index, "mac"), RuleReasons.MulticastMac,
                $"{QuotedValue.Of(mac)} is a multicast address (lowest bit of the first byte set), which no interface can take; use e.g. \"{unicast}\"");
        }

        if (e.Ips is not null && e.IpamClaimReference is not null)
        {
            findings.Warning(SelectionFindings.FieldPath(key, e.Index, "ipam-claim-reference"), RuleReasons.IpsWithIpamClaim,
                "is given together with \"ips\"; the NPWG spec forbids both on one network and the IPAM plugin will use only one; keep one of them");
        }
    }

    /// <summary>True when <paramref name="e"/> carries the capability request under <paramref name="field"/>.</summary>
    public static bool Requests(NetworkSelectionElement e, string field) => field switch
    {
        "ips" => e.Ips is { Count: > 0 },
        "mac" => e.Mac is not null,
        "portMappings" => e.PortMappings is { Count: > 0 },
        "bandwidth" => e.Bandwidth is not null,
        "infiniband-guid" => e.InfinibandGuid is not null,
        _ => false,
    };
}
