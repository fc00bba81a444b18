using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Netns;

/// <summary>
/// The rtnetlink requests the engine needs inside a pod's namespace: find a link, list, delete and add
/// default routes. Open it on the namespace thread; the socket belongs to the namespace it was opened in.
/// </summary>
internal sealed class RtNetlink : IDisposable
{
    private const ushort NewLink = 16;
    private const ushort GetLinkType = 18;
    private const ushort NewRoute = 24;
    private const ushort DelRoute = 25;
    private const ushort GetRoute = 26;
    private const ushort FlagRequest = 1;
    private const ushort FlagAck = 4;
    private const ushort FlagDump = 0x300;
    private const ushort FlagExclusive = 0x200;
    private const ushort FlagCreate = 0x400;
    private const int IfinfomsgSize = 16;
    private const ushort LinkAddress = 1;
    private const ushort LinkName = 3;
    private const ushort LinkExtMask = 29;
    private const uint SkipStats = 1 << 3;
    private const int MaxInterfaceName = 15;
    private const byte MainTable = 254;
    private const byte ProtocolBoot = 3;
    private const byte ScopeUniverse = 0;
    private const byte ScopeNowhere = 255;
    private const byte TypeUnicast = 1;
    private const uint FlagCloned = 0x200;
    private const int DumpAttempts = 3;

    private readonly NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket)
    {
        this.socket = socket;
    }

    /// <summary>Opens a route socket in the calling thread's current network namespace.</summary>
    public static RtNetlink Open() => new(NetlinkSocket.Open(TimeSpan.FromSeconds(5)));

    /// <summary>The link named <paramref name="name"/>, or null when there is none.</summary>
    public NetlinkLink? GetLink(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > MaxInterfaceName)
        {
            return null;   // no link can carry such a name
        }

        var request = LinkRequest(0);
        request.AddString(LinkName, name);
        return QueryLink(request, $"link \"{name}\"");
    }

    /// <summary>The link with index <paramref name="index"/>, or null when there is none.</summary>
    public NetlinkLink? GetLink(int index) => index <= 0 ? null : QueryLink(LinkRequest(index), $"link {index}");

    /// <summary>The main table's unicast default routes of <paramref name="family"/>.</summary>
    public IReadOnlyList<NetlinkRoute> ListDefaultRoutes(AddressFamily family)
    {
        var kernelFamily = NetlinkRouteDecoder.FamilyOf(family);
        for (var attempt = 1; ; attempt++)
        {
            var request = new NetlinkMessageWriter(GetRoute, FlagRequest | FlagDump);
            request.AppendFixed(NetlinkRouteDecoder.RtmsgSize)[0] = kernelFamily;
            var reply = socket.Transact(request, dump: true);
            if (reply.Error != 0)
            {
                throw new CniException(CniErrorCode.IoFailure, $"rtnetlink: route dump: {reply.DescribeError()}");
            }

            // A dump that raced with a change is inconsistent; the kernel says so and asks for a retry.
            if (reply.Interrupted && attempt < DumpAttempts)
            {
                continue;
            }

            return reply.Messages
                .Where(m => m.Type == NewRoute)
                .Select(m => NetlinkRouteDecoder.Decode(m.Payload))
                .OfType<NetlinkRoute>()
                .Where(r => r.Family == kernelFamily && r.DestinationLength == 0 && r.Table == MainTable
                    && r.Type == TypeUnicast && (r.Flags & FlagCloned) == 0)
                .ToList();
        }
    }

    /// <summary>Deletes a route seen in a dump; the reply's error is ESRCH when it is already gone.</summary>
    public NetlinkReply DeleteRoute(NetlinkRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var request = new NetlinkMessageWriter(DelRoute, FlagRequest | FlagAck);
        // Scope "nowhere" matches any scope, as `ip route del` does; the rest pins down this one route.
        WriteRtmsg(request, route.Family, route.Tos, route.Table, route.Protocol, ScopeNowhere, route.Type);
        request.AddUInt32(NetlinkRouteDecoder.AttributeTable, route.Table);
        if (route.Priority is { } priority)
        {
            request.AddUInt32(NetlinkRouteDecoder.AttributePriority, priority);
        }

        // A multipath route goes as a whole: without a next hop the kernel deletes all of them.
        if (!route.IsMultipath && route.NextHops is [var hop])
        {
            if (hop.InterfaceIndex > 0)
            {
                request.AddUInt32(NetlinkRouteDecoder.AttributeOutputInterface, (uint)hop.InterfaceIndex);
            }

            if (hop.Gateway is { } gateway && NetlinkRouteDecoder.FamilyOf(gateway) == route.Family)
            {
                request.AddAttribute(NetlinkRouteDecoder.AttributeGateway, gateway.GetAddressBytes());
            }
        }

        return socket.Transact(request, dump: false);
    }

    /// <summary>Adds <c>default via gateway dev #index</c> to the main table, exclusively; the reply's error is EEXIST when a default route of the same metric exists.</summary>
    public NetlinkReply AddDefaultRoute(int interfaceIndex, IPAddress gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var request = new NetlinkMessageWriter(NewRoute, FlagRequest | FlagAck | FlagCreate | FlagExclusive);
        WriteRtmsg(request, NetlinkRouteDecoder.FamilyOf(gateway), 0, MainTable, ProtocolBoot, ScopeUniverse, TypeUnicast);
        request.AddAttribute(NetlinkRouteDecoder.AttributeGateway, gateway.GetAddressBytes());
        request.AddUInt32(NetlinkRouteDecoder.AttributeOutputInterface, (uint)interfaceIndex);
        return socket.Transact(request, dump: false);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => socket.Dispose();

    private static NetlinkMessageWriter LinkRequest(int index)
    {
        var request = new NetlinkMessageWriter(GetLinkType, FlagRequest | FlagAck);
        MemoryMarshal.Write(request.AppendFixed(IfinfomsgSize)[4..], index);
        request.AddUInt32(LinkExtMask, SkipStats);
        return request;
    }

    private static void WriteRtmsg(NetlinkMessageWriter request, byte family, byte tos, uint table, byte protocol, byte scope, byte type)
    {
        var rtmsg = request.AppendFixed(NetlinkRouteDecoder.RtmsgSize);
        rtmsg[0] = family;
        rtmsg[3] = tos;
        rtmsg[4] = table < 256 ? (byte)table : (byte)0;
        rtmsg[5] = protocol;
        rtmsg[6] = scope;
        rtmsg[7] = type;
    }

    private NetlinkLink? QueryLink(NetlinkMessageWriter request, string what)
    {
        var reply = socket.Transact(request, dump: false);
        if (reply.Error == Errno.ENODEV)
        {
            return null;
        }

        if (reply.Error != 0)
        {
            throw new CniException(CniErrorCode.IoFailure, $"rtnetlink: {what}: {reply.DescribeError()}");
        }

        foreach (var message in reply.Messages)
        {
            if (message.Type == NewLink && message.Payload.Length >= IfinfomsgSize)
            {
                return DecodeLink(message.Payload);
            }
        }

        return null;
    }

    private static NetlinkLink DecodeLink(ReadOnlySpan<byte> payload)
    {
        var index = MemoryMarshal.Read<int>(payload[4..]);
        var name = "";
        string? mac = null;
        var attributes = new NetlinkAttributeReader(payload[IfinfomsgSize..]);
        while (attributes.Next(out var type, out var value))
        {
            if (type == LinkName)
            {
                name = Encoding.UTF8.GetString(value.TrimEnd((byte)0));
            }
            else if (type == LinkAddress && value.Length > 0)
            {
                mac = FormatHardwareAddress(value);
            }
        }

        return new NetlinkLink(index, name, mac);
    }

    private static string FormatHardwareAddress(ReadOnlySpan<byte> address)
    {
        var builder = new StringBuilder(address.Length * 3);
        foreach (var b in address)
        {
            if (builder.Length > 0)
            {
                builder.Append(':');
            }

            builder.Append(Convert.ToHexStringLower([b]));
        }

        return builder.ToString();
    }
}
