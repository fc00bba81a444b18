using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;
using MultiNet.Testing;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NetlinkPodNetworkNamespaceRouteTests
{
    private readonly NetlinkPodNetworkNamespace netns = new();

    /// <summary>Two veth pairs: eth0/peer0 on 10.1.0.0/24 and fd00:1::/64, net1/peer1 on 10.2.0.0/24 and fd00:2::/64.</summary>
    private static TestNetworkNamespace CreateTwoLinkNamespace()
    {
        var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("eth0", "peer0");
        ns.AddVethPair("net1", "peer1");
        ns.Ip("addr", "add", "10.1.0.2/24", "dev", "eth0");
        ns.Ip("addr", "add", "10.2.0.2/24", "dev", "net1");
        ns.Ip("addr", "add", "fd00:1::2/64", "dev", "eth0", "nodad");
        ns.Ip("addr", "add", "fd00:2::2/64", "dev", "net1", "nodad");
        return ns;
    }

    [RootFact]
    public void ListDefaultRoutes_V4_EqualsIpRouteShow()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "via", "10.1.0.1", "dev", "eth0");
        ns.Ip("route", "add", "default", "via", "10.2.0.1", "dev", "net1", "metric", "100");
        ns.Ip("route", "add", "10.9.0.0/16", "via", "10.2.0.1", "dev", "net1");

        var routes = netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetwork);

        routes.Should().BeEquivalentTo(ns.IpDefaultRoutes(ipv6: false));
        routes.Should().HaveCount(2).And.Contain(("net1", IPAddress.Parse("10.2.0.1")));
    }

    [RootFact]
    public void ListDefaultRoutes_V6_EqualsIpRouteShow()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("-6", "route", "add", "default", "via", "fd00:1::1", "dev", "eth0");
        ns.Ip("-6", "route", "add", "default", "via", "fe80::1", "dev", "net1", "metric", "2000");

        var routes = netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetworkV6);

        routes.Should().BeEquivalentTo(ns.IpDefaultRoutes(ipv6: true));
        routes.Should().HaveCount(2).And.Contain(("net1", IPAddress.Parse("fe80::1")));
    }

    [RootFact]
    public void ListDefaultRoutes_MultipathAndDeviceRoutes_OneEntryPerNextHop()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "metric", "5", "nexthop", "via", "10.1.0.1", "dev", "eth0", "nexthop", "via", "10.2.0.1", "dev", "net1");
        ns.Ip("route", "add", "default", "dev", "net1", "metric", "7");

        var routes = netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetwork);

        routes.Should().BeEquivalentTo(ns.IpDefaultRoutes(ipv6: false));
        routes.Should().HaveCount(3).And.Contain(("net1", null));
    }

    [RootFact]
    public void ListDefaultRoutes_NoDefaultRoute_Empty()
    {
        using var ns = CreateTwoLinkNamespace();

        netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetwork).Should().BeEmpty();
        netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetworkV6).Should().BeEmpty();
    }

    [RootFact]
    public void RemoveDefaultRoutes_V4_RemovesOnlyThatLinksRoutes()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "via", "10.1.0.1", "dev", "eth0");
        ns.Ip("route", "add", "default", "via", "10.1.0.254", "dev", "eth0", "metric", "50");
        ns.Ip("route", "add", "default", "via", "10.2.0.1", "dev", "net1", "metric", "100");
        ns.Ip("-6", "route", "add", "default", "via", "fd00:1::1", "dev", "eth0");

        var removed = netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetwork);

        removed.Should().Be(2);
        ns.IpDefaultRoutes(ipv6: false).Should().Equal(("net1", IPAddress.Parse("10.2.0.1")));
        ns.IpDefaultRoutes(ipv6: true).Should().Equal(("eth0", IPAddress.Parse("fd00:1::1")));
    }

    [RootFact]
    public void RemoveDefaultRoutes_V6_RemovesOnlyThatLinksRoutes()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("-6", "route", "add", "default", "via", "fd00:1::1", "dev", "eth0");
        ns.Ip("-6", "route", "add", "default", "via", "fd00:2::1", "dev", "net1", "metric", "2000");
        ns.Ip("route", "add", "default", "via", "10.1.0.1", "dev", "eth0");

        var removed = netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetworkV6);

        removed.Should().Be(1);
        ns.IpDefaultRoutes(ipv6: true).Should().Equal(("net1", IPAddress.Parse("fd00:2::1")));
        ns.IpDefaultRoutes(ipv6: false).Should().Equal(("eth0", IPAddress.Parse("10.1.0.1")));
    }

    [RootFact]
    public void RemoveDefaultRoutes_MultipathAcrossLinks_KeepsIt()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "nexthop", "via", "10.1.0.1", "dev", "eth0", "nexthop", "via", "10.2.0.1", "dev", "net1");

        netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetwork).Should().Be(0);

        ns.IpDefaultRoutes(ipv6: false).Should().HaveCount(2);
    }

    [RootFact]
    public void RemoveDefaultRoutes_NoRouteOrNoLink_Zero()
    {
        using var ns = CreateTwoLinkNamespace();

        netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetwork).Should().Be(0);
        netns.RemoveDefaultRoutes(ns.Path, "net9", AddressFamily.InterNetworkV6).Should().Be(0);
    }

    [RootFact]
    public void AddDefaultRoute_V4_AppearsInIpRouteShow()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "via", "10.1.0.1", "dev", "eth0");
        netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetwork);

        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("10.2.0.1"));

        ns.IpDefaultRoutes(ipv6: false).Should().Equal(("net1", IPAddress.Parse("10.2.0.1")));
    }

    [RootFact]
    public void AddDefaultRoute_V6_AppearsInIpRouteShow()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("-6", "route", "add", "default", "via", "fd00:1::1", "dev", "eth0");
        netns.RemoveDefaultRoutes(ns.Path, "eth0", AddressFamily.InterNetworkV6);

        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("fd00:2::1"));

        ns.IpDefaultRoutes(ipv6: true).Should().Equal(("net1", IPAddress.Parse("fd00:2::1")));
    }

    [RootFact]
    public void AddDefaultRoute_SameRouteTwice_Succeeds()
    {
        using var ns = CreateTwoLinkNamespace();

        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("10.2.0.1"));
        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("10.2.0.1"));
        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("fd00:2::1"));
        netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("fd00:2::1"));

        ns.IpDefaultRoutes(ipv6: false).Should().Equal(("net1", IPAddress.Parse("10.2.0.1")));
        ns.IpDefaultRoutes(ipv6: true).Should().Equal(("net1", IPAddress.Parse("fd00:2::1")));
    }

    [RootFact]
    public void AddDefaultRoute_OtherDefaultRouteHoldsTheMetric_ThrowsDefaultRoute()
    {
        using var ns = CreateTwoLinkNamespace();
        ns.Ip("route", "add", "default", "via", "10.1.0.1", "dev", "eth0");

        var act = () => netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("10.2.0.1"));

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.DefaultRoute)
            .WithMessage("*cannot add the default route via 10.2.0.1 dev \"net1\": another default route exists (default via 10.1.0.1 dev eth0)");
        ns.IpDefaultRoutes(ipv6: false).Should().Equal(("eth0", IPAddress.Parse("10.1.0.1")));
    }

    [RootFact]
    public void AddDefaultRoute_GatewayOffLink_ThrowsDefaultRoute()
    {
        using var ns = CreateTwoLinkNamespace();

        var act = () => netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("192.0.2.1"));

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.DefaultRoute)
            .WithMessage("*via 192.0.2.1 dev \"net1\": *ENETUNREACH*");
    }

    [RootFact]
    public void AddDefaultRoute_NoSuchLink_ThrowsDefaultRoute()
    {
        using var ns = CreateTwoLinkNamespace();

        var act = () => netns.AddDefaultRoute(ns.Path, "net9", IPAddress.Parse("10.2.0.1"));

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.DefaultRoute)
            .WithMessage("*dev \"net9\": no such link");
    }
}
