using System.Net;
using System.Runtime.InteropServices;

namespace MultiNet.Attachments.Netns;

/// <summary>Decodes an RTM_NEWROUTE payload (rtmsg and its attributes) into a <see cref="NetlinkRoute"/>.</summary>
internal static class NetlinkRouteDecoder
{
    internal const int RtmsgSize = 12;
    internal const ushort AttributeOutputInterface = 4;
    internal const ushort AttributeGateway = 5;
    internal const ushort AttributePriority = 6;
    internal const ushort AttributeMultipath = 9;
    internal const ushort AttributeTable = 15;
    internal const ushort AttributeVia = 18;
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int NextHopHeaderSize = 8;

    /// <summary>Decodes one route; null when the payload is too short to be one.</summary>
    public static NetlinkRoute? Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < RtmsgSize)
        {
            return null;
        }

        uint table = payload[4];
        uint? priority = null;
        var outputInterface = 0;
        IPAddress? gateway = null;
        List<NetlinkNextHop>? multipath = null;
        var attributes = new NetlinkAttributeReader(payload[RtmsgSize..]);
        while (attributes.Next(out var type, out var value))
        {
            switch (type)
            {
                case AttributeTable:
                    table = NetlinkAttributeReader.ReadUInt32(value);
                    break;
                case AttributePriority:
                    priority = NetlinkAttributeReader.ReadUInt32(value);
                    break;
                case AttributeOutputInterface:
                    outputInterface = (int)NetlinkAttributeReader.ReadUInt32(value);
                    break;
                case AttributeGateway:
                    gateway = ReadAddress(value);
                    break;
                case AttributeVia:
                    gateway = ReadVia(value);
                    break;
                case AttributeMultipath:
                    multipath = ReadNextHops(value);
                    break;
                default:
                    break;
            }
        }

        return new NetlinkRoute
        {
            Family = payload[0],
            DestinationLength = payload[1],
            Tos = payload[3],
            Table = table,
            Protocol = payload[5],
            Type = payload[7],
            Flags = MemoryMarshal.Read<uint>(payload[8..]),
            Priority = priority,
            IsMultipath = multipath is not null,
            NextHops = multipath ?? [new NetlinkNextHop(outputInterface, gateway)],
        };
    }

    /// <summary>The address family number (AF_INET, AF_INET6) of an address.</summary>
    internal static byte FamilyOf(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (byte)AfInet6 : (byte)AfInet;

    /// <summary>The kernel's address family number for a .NET family.</summary>
    internal static byte FamilyOf(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (byte)AfInet6 : (byte)AfInet;

    private static IPAddress? ReadAddress(ReadOnlySpan<byte> value) =>
        value.Length is 4 or 16 ? new IPAddress(value) : null;

    // struct rtvia: a 16-bit address family, then the address.
    private static IPAddress? ReadVia(ReadOnlySpan<byte> value) =>
        value.Length > 2 ? ReadAddress(value[2..]) : null;

    // RTA_MULTIPATH: a run of struct rtnexthop { u16 len; u8 flags; u8 hops; i32 ifindex; } each followed by its attributes.
    private static List<NetlinkNextHop> ReadNextHops(ReadOnlySpan<byte> value)
    {
        var hops = new List<NetlinkNextHop>();
        while (value.Length >= NextHopHeaderSize)
        {
            int length = MemoryMarshal.Read<ushort>(value);
            if (length < NextHopHeaderSize || length > value.Length)
            {
                break;
            }

            var index = MemoryMarshal.Read<int>(value[4..]);
            IPAddress? gateway = null;
            var attributes = new NetlinkAttributeReader(value[NextHopHeaderSize..length]);
            while (attributes.Next(out var type, out var attribute))
            {
                gateway = type switch
                {
                    AttributeGateway => ReadAddress(attribute),
                    AttributeVia => ReadVia(attribute),
                    _ => gateway,
                };
            }

            hops.Add(new NetlinkNextHop(index, gateway));
            value = value[Math.Min(NetlinkMessageWriter.Align(length), value.Length)..];
        }

        return hops;
    }
}
