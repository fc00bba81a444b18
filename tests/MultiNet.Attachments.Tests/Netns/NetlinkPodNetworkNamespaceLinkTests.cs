using FluentAssertions;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;
using MultiNet.Testing;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NetlinkPodNetworkNamespaceLinkTests
{
    private readonly NetlinkPodNetworkNamespace netns = new();

    [RootFact]
    public void LinkExists_LinkInNamespace_True()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");

        netns.LinkExists(ns.Path, "net1").Should().BeTrue();
        netns.LinkExists(ns.Path, "lo").Should().BeTrue();
    }

    [RootFact]
    public void ExistingLinks_MixOfPresentAndAbsent_ReturnsOnlyThePresentInOrder()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");
        ns.AddVethPair("data0", "peer2");

        netns.ExistingLinks(ns.Path, ["eth0", "data0", "net2", "net1", "a-name-far-too-long"]).Should().Equal("data0", "net1");
    }

    [RootFact]
    public void LinkExists_NoSuchLink_False()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");

        netns.LinkExists(ns.Path, "net2").Should().BeFalse();
        netns.LinkExists(ns.Path, "a-name-far-too-long").Should().BeFalse();
    }

    [RootFact]
    public void LinkExists_LinkOnlyInAnotherNamespace_False()
    {
        using var ns = TestNetworkNamespace.Create();
        using var other = TestNetworkNamespace.Create();
        other.AddVethPair("net1", "peer1");

        netns.LinkExists(ns.Path, "net1").Should().BeFalse();
        netns.LinkExists(other.Path, "net1").Should().BeTrue();
    }

    [RootFact]
    public void GetMacAddress_Veth_EqualsIpLinkShow()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");
        ns.Ip("link", "set", "peer1", "address", "0a:58:0a:f4:01:02");

        netns.GetMacAddress(ns.Path, "net1").Should().Be(ns.IpJson("link", "show", "net1")[0]!["address"]!.GetValue<string>());
        netns.GetMacAddress(ns.Path, "peer1").Should().Be("0a:58:0a:f4:01:02");
    }

    [RootFact]
    public void GetMacAddress_NoSuchLink_Null()
    {
        using var ns = TestNetworkNamespace.Create();

        netns.GetMacAddress(ns.Path, "net1").Should().BeNull();
    }

    [RootFact]
    public void LinkExists_NetnsPathMissing_ThrowsUnknownContainer()
    {
        var path = $"/var/run/netns/mnt-missing-{Guid.NewGuid():N}";

        var act = () => netns.LinkExists(path, "eth0");

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.UnknownContainer)
            .WithMessage($"netns \"{path}\": no such file or directory*");
    }

    [RootFact]
    public void LinkExists_PathIsNotANetns_ThrowsUnknownContainer()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            var act = () => netns.LinkExists(path, "eth0");

            act.Should().Throw<CniException>()
                .Where(e => e.Code == CniErrorCode.UnknownContainer)
                .WithMessage($"netns \"{path}\": cannot enter: not a network namespace");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
