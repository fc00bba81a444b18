using System.Net;
using FluentAssertions;
using MultiNet.Attachments.Netns;
using Xunit;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NetlinkRouteDecoderTests
{
    private static byte[] Route(Action<NetlinkMessageWriter> attributes, byte family = 2, byte table = 254)
    {
        var writer = new NetlinkMessageWriter(24, 0);
        var rtmsg = writer.AppendFixed(12);
        rtmsg[0] = family;
        rtmsg[4] = table;
        rtmsg[5] = 3;
        rtmsg[7] = 1;
        attributes(writer);
        return writer.Finish(1).ToArray()[16..];
    }

    [Fact]
    public void Decode_GatewayRoute_OneNextHop()
    {
        var payload = Route(w =>
        {
            w.AddUInt32(15, 254);
            w.AddUInt32(6, 100);
            w.AddAttribute(5, [10, 2, 0, 1]);
            w.AddUInt32(4, 7);
        });

        var route = NetlinkRouteDecoder.Decode(payload)!;

        route.Table.Should().Be(254);
        route.Priority.Should().Be(100);
        route.Protocol.Should().Be(3);
        route.IsMultipath.Should().BeFalse();
        route.NextHops.Should().Equal(new NetlinkNextHop(7, IPAddress.Parse("10.2.0.1")));
    }

    [Fact]
    public void Decode_Multipath_EveryNextHopWithItsGateway()
    {
        // rtnexthop { u16 len; u8 flags; u8 hops; i32 ifindex; } + RTA_GATEWAY, twice; the second has no gateway.
        byte[] multipath = [16, 0, 0, 0, 3, 0, 0, 0, 8, 0, 5, 0, 10, 1, 0, 1, 8, 0, 0, 0, 5, 0, 0, 0];
        var payload = Route(w => w.AddAttribute(9, multipath), table: 100);

        var route = NetlinkRouteDecoder.Decode(payload)!;

        route.Table.Should().Be(100);
        route.IsMultipath.Should().BeTrue();
        route.NextHops.Should().Equal(new NetlinkNextHop(3, IPAddress.Parse("10.1.0.1")), new NetlinkNextHop(5, null));
    }

    [Fact]
    public void Decode_ViaAnotherFamily_GatewayFromRtvia()
    {
        byte[] via = [10, 0, .. IPAddress.Parse("fe80::1").GetAddressBytes()];
        var payload = Route(w =>
        {
            w.AddAttribute(18, via);
            w.AddUInt32(4, 2);
        });

        NetlinkRouteDecoder.Decode(payload)!.NextHops.Should().Equal(new NetlinkNextHop(2, IPAddress.Parse("fe80::1")));
    }

    [Fact]
    public void Decode_ShorterThanRtmsg_Null()
    {
        NetlinkRouteDecoder.Decode(new byte[8]).Should().BeNull();
    }
}
