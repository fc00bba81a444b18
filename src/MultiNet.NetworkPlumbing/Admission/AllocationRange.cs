namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>A pool an IPAM plugin allocates from: its subnet and the first and last address it hands out.</summary>
internal sealed record AllocationRange(string Path, IpPrefix Subnet, UInt128 Start, UInt128 End)
{
    /// <summary>True when the two pools can hand out the same address.</summary>
    public bool Overlaps(AllocationRange other) =>
        Subnet.Bits == other.Subnet.Bits && Start <= other.End && other.Start <= End;

    /// <summary>Reports every pool that overlaps an earlier one, and pools of one range set mixing IPv4 and IPv6.</summary>
    public static void CheckAll(IReadOnlyList<AllocationRange> ranges, FindingList findings)
    {
        for (int i = 1; i < ranges.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (ranges[i].Overlaps(ranges[j]))
                {
                    findings.Error(ranges[i].Path, RuleReasons.InvalidIpamRange,
                        $"overlaps {ranges[j].Path} (\"{ranges[j].Subnet.NetworkText()}\"); give each range its own addresses");
                    break;
                }
            }
        }
    }
}
