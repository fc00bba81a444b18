using System.Net;

namespace MultiNet.Attachments.Netns;

/// <summary>One next hop of a route: output interface index and gateway (null for a directly connected route).</summary>
internal readonly record struct NetlinkNextHop(int InterfaceIndex, IPAddress? Gateway);
