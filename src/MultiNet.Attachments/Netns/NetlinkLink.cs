namespace MultiNet.Attachments.Netns;

/// <summary>A link as RTM_GETLINK reports it: index, name and hardware address (null when it has none).</summary>
internal sealed record NetlinkLink(int Index, string Name, string? MacAddress);
