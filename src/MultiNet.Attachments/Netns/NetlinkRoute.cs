namespace MultiNet.Attachments.Netns;

/// <summary>A route from an RTM_GETROUTE dump, with the fields needed to delete exactly that route again.</summary>
internal sealed record NetlinkRoute
{
    /// <summary>AF_INET or AF_INET6.</summary>
    public required byte Family { get; init; }
    /// <summary>Destination prefix length (0 for a default route).</summary>
    public required byte DestinationLength { get; init; }
    /// <summary>Routing table id (RTA_TABLE when present, else rtm_table).</summary>
    public required uint Table { get; init; }
    /// <summary>rtm_tos.</summary>
    public required byte Tos { get; init; }
    /// <summary>rtm_protocol (boot, kernel, static, ra, dhcp …).</summary>
    public required byte Protocol { get; init; }
    /// <summary>rtm_type (RTN_UNICAST …).</summary>
    public required byte Type { get; init; }
    /// <summary>rtm_flags.</summary>
    public required uint Flags { get; init; }
    /// <summary>RTA_PRIORITY, the metric; null when absent.</summary>
    public uint? Priority { get; init; }
    /// <summary>True when the route came with RTA_MULTIPATH.</summary>
    public bool IsMultipath { get; init; }
    /// <summary>The next hops: one for an ordinary route, several for a multipath one.</summary>
    public IReadOnlyList<NetlinkNextHop> NextHops { get; init; } = [];
}
