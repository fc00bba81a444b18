using System.Net;
using System.Text.Json.Nodes;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// <c>whereabouts</c>: <c>range</c> (a CIDR, or <c>first-last/length</c>), <c>range_start</c>, <c>range_end</c>,
/// <c>exclude</c> and <c>gateway</c>, at the top of <c>ipam</c> or in each entry of <c>ipRanges</c>.
/// </summary>
internal static class WhereaboutsRanges
{
    /// <summary>Checks the ranges of <paramref name="ipam"/>.</summary>
    public static void Check(JsonObject ipam, string path, FindingList findings)
    {
        var pools = new List<AllocationRange>();
        if (ipam["range"] is not null)
        {
            CheckRange(ipam, path, pools, findings);
        }

        JsonArray? ranges = ConfigNodes.Array(ipam, "ipRanges", path, RuleReasons.InvalidIpam, findings);
        for (int i = 0; ranges is not null && i < ranges.Count; i++)
        {
            string at = $"{path}.ipRanges[{i}]";
            if (ranges[i] is JsonObject range)
            {
                CheckRange(range, at, pools, findings);
            }
            else
            {
                findings.Error(at, RuleReasons.InvalidIpam, $"expected an object {{\"range\": ...}}, got {ConfigNodes.Kind(ranges[i])}");
            }
        }

        AllocationRange.CheckAll(pools, findings);
    }

    private static void CheckRange(JsonObject range, string path, List<AllocationRange> pools, FindingList findings)
    {
        string? text = ConfigNodes.String(range, "range", path, RuleReasons.InvalidIpamAddress, findings);
        IPAddress? start = IpamRules.Address(range, "range_start", path, findings);
        IPAddress? end = IpamRules.Address(range, "range_end", path, findings);
        IPAddress? gateway = IpamRules.Address(range, "gateway", path, findings);
        JsonArray? exclude = ConfigNodes.Array(range, "exclude", path, RuleReasons.InvalidIpam, findings);
        for (int i = 0; exclude is not null && i < exclude.Count; i++)
        {
            string at = $"{path}.exclude[{i}]";
            if (exclude[i] is JsonValue v && v.TryGetValue(out string? cidr))
            {
                _ = IpamRules.Prefix(cidr, at, findings);
            }
            else
            {
                findings.Error(at, RuleReasons.InvalidIpamAddress, $"expected a CIDR string, got {ConfigNodes.Kind(exclude[i])}");
            }
        }

        if (text is null)
        {
            return;
        }

        // "10.1.0.10-10.1.0.20/24": the range's own first and last address before the prefix length.
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        int slash = text.LastIndexOf('/');
        string field = $"{path}.range";
        if (dash > 0 && slash > dash)
        {
            IpPrefix? embedded = IpamRules.Prefix(text[(dash + 1)..], field, findings);
            IPAddress? first = Validation.AddressSyntax.ParseIp(text[..dash]);
            if (first is null || embedded is null)
            {
                if (first is null && embedded is not null)
                {
                    findings.Error(field, RuleReasons.InvalidIpamAddress, $"\"{text[..dash]}\" is not an IP address");
                }

                return;
            }

            start ??= first;
            end ??= embedded.Value.Address;
            text = $"{first}/{embedded.Value.Length}";
        }

        if (IpamRules.Prefix(text, field, findings) is not { } subnet)
        {
            return;
        }

        IpamRules.RequireInside(subnet, start, $"{path}.range_start", findings);
        IpamRules.RequireInside(subnet, end, $"{path}.range_end", findings);
        IpamRules.WarnGatewayOutside(subnet, gateway, $"{path}.gateway", findings);
        UInt128 low = start is not null && subnet.Contains(start) ? IpPrefix.ToNumber(start) : subnet.Network;
        UInt128 high = end is not null && subnet.Contains(end) ? IpPrefix.ToNumber(end) : subnet.Last;
        if (low > high)
        {
            findings.Error($"{path}.range_end", RuleReasons.InvalidIpamRange,
                $"the range ends before it starts (\"{start}\" is after \"{end}\"); swap them");
            return;
        }

        pools.Add(new AllocationRange(path, subnet, low, high));
    }
}
