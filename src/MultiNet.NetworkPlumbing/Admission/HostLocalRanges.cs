using System.Net;
using System.Text.Json.Nodes;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// <c>host-local</c>: the legacy single range (<c>subnet</c>, <c>rangeStart</c>, <c>rangeEnd</c>, <c>gateway</c> in
/// <c>ipam</c>) or <c>ranges</c>, a list of range sets (one address each) of ranges.
/// </summary>
internal static class HostLocalRanges
{
    /// <summary>Checks the ranges; <paramref name="runtimeRanges"/> is true when the plugin takes <c>ipRanges</c> at runtime.</summary>
    public static void Check(JsonObject ipam, string path, bool runtimeRanges, FindingList findings)
    {
        var pools = new List<AllocationRange>();
        bool any = ipam["ranges"] is not null;
        if (ipam["subnet"] is not null)
        {
            any = true;
            AddRange(ipam, path, pools, findings);
        }

        JsonArray? sets = ConfigNodes.Array(ipam, "ranges", path, RuleReasons.InvalidIpam, findings);
        for (int s = 0; sets is not null && s < sets.Count; s++)
        {
            string setPath = $"{path}.ranges[{s}]";
            if (sets[s] is not JsonArray set || set.Count == 0)
            {
                findings.Error(setPath, RuleReasons.InvalidIpam,
                    $"expected a non-empty array of ranges (e.g. [{{\"subnet\": \"10.1.0.0/24\"}}]), got {Describe(sets[s])}");
                continue;
            }

            int? family = null;
            for (int r = 0; r < set.Count; r++)
            {
                string at = $"{setPath}[{r}]";
                if (set[r] is not JsonObject range)
                {
                    findings.Error(at, RuleReasons.InvalidIpam, $"expected an object {{\"subnet\": ...}}, got {ConfigNodes.Kind(set[r])}");
                    continue;
                }

                if (AddRange(range, at, pools, findings) is { } pool)
                {
                    if (family is { } f && f != pool.Subnet.Bits)
                    {
                        findings.Error($"{at}.subnet", RuleReasons.InvalidIpamRange,
                            "mixes IPv4 and IPv6 in one range set; put each family in its own range set (one address is allocated per set)");
                    }

                    family ??= pool.Subnet.Bits;
                }
            }
        }

        if (!any && !runtimeRanges)
        {
            findings.Error($"{path}.ranges", RuleReasons.InvalidIpam,
                "host-local needs \"ranges\" (or \"subnet\") to allocate from; add one, e.g. \"ranges\": [[{\"subnet\": \"10.1.0.0/24\"}]]");
        }

        AllocationRange.CheckAll(pools, findings);
    }

    private static AllocationRange? AddRange(JsonObject range, string path, List<AllocationRange> pools, FindingList findings)
    {
        if (range["subnet"] is null)
        {
            findings.Error($"{path}.subnet", RuleReasons.InvalidIpam, "is required (a CIDR such as \"10.1.0.0/24\")");
        }

        IpPrefix? parsed = IpamRules.Prefix(range, "subnet", path, findings);
        IPAddress? start = IpamRules.Address(range, "rangeStart", path, findings);
        IPAddress? end = IpamRules.Address(range, "rangeEnd", path, findings);
        IPAddress? gateway = IpamRules.Address(range, "gateway", path, findings);
        if (parsed is not { } subnet)
        {
            return null;
        }

        string subnetField = $"{path}.subnet";
        if (IpPrefix.ToNumber(subnet.Address) != subnet.Network)
        {
            findings.Error(subnetField, RuleReasons.InvalidIpamRange,
                $"has host bits set; host-local wants the network address \"{subnet.NetworkText()}\"");
        }

        if (subnet.Length > subnet.Bits - 2)
        {
            findings.Error(subnetField, RuleReasons.InvalidIpamRange,
                $"/{subnet.Length} is too small to allocate from; use /{subnet.Bits - 2} or wider");
            return null;
        }

        IpamRules.RequireInside(subnet, start, $"{path}.rangeStart", findings);
        IpamRules.RequireInside(subnet, end, $"{path}.rangeEnd", findings);
        IpamRules.WarnGatewayOutside(subnet, gateway, $"{path}.gateway", findings);

        UInt128 first = start is not null && subnet.Contains(start) ? IpPrefix.ToNumber(start) : subnet.Network + 1;
        UInt128 last = end is not null && subnet.Contains(end) ? IpPrefix.ToNumber(end) : subnet.Last - (subnet.Bits == 32 ? 1u : 0u);
        if (first > last)
        {
            findings.Error($"{path}.rangeEnd", RuleReasons.InvalidIpamRange,
                $"the range ends before it starts (rangeStart \"{start}\" is after rangeEnd \"{end}\"); swap them");
            return null;
        }

        var pool = new AllocationRange(path, subnet, first, last);
        pools.Add(pool);
        return pool;
    }

    private static string Describe(JsonNode? node) => node is JsonArray ? "an empty array" : ConfigNodes.Kind(node);
}
