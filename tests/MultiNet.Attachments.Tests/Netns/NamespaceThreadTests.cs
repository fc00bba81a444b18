using FluentAssertions;
using MultiNet.Attachments.Netns;
using MultiNet.Testing;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NamespaceThreadTests
{
    private static string CurrentNetns() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;

    [RootFact]
    public void Run_InsideTargetNetns_WorkSeesThatNetns()
    {
        using var ns = TestNetworkNamespace.Create();
        var outside = CurrentNetns();

        var inside = NamespaceThread.Run(ns.Path, CurrentNetns);

        inside.Should().NotBe(outside);
        inside.Should().Be($"net:[{ns.Inode}]");
    }

    [RootFact]
    public void Run_AfterSuccessAndFailure_CallingThreadNetnsUnchanged()
    {
        using var ns = TestNetworkNamespace.Create();
        var before = CurrentNetns();

        _ = NamespaceThread.Run(ns.Path, () => 1);
        var act = () => NamespaceThread.Run<int>(ns.Path, () => throw new InvalidOperationException("work failed"));

        act.Should().Throw<InvalidOperationException>().WithMessage("work failed");
        CurrentNetns().Should().Be(before);
        new FileInfo("/proc/self/ns/net").LinkTarget.Should().Be(before);
    }

    [RootFact]
    public void Run_SeveralRequestsInOneVisit_ShareOneSocket()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");

        var (exists, loopback, routes) = NetlinkPodNetworkNamespace.Run(ns.Path, netlink =>
            (netlink.GetLink("net1") is not null, netlink.GetLink(1)?.Name, netlink.ListDefaultRoutes(System.Net.Sockets.AddressFamily.InterNetwork)));

        exists.Should().BeTrue();
        loopback.Should().Be("lo");
        routes.Should().BeEmpty();
    }
}
