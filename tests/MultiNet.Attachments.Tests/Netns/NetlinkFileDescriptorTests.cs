using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using MultiNet.Attachments.Netns;
using MultiNet.Testing;
using Xunit;

namespace MultiNet.Attachments.Tests.Netns;

/// <summary>Counts the process's open descriptors, so it runs alone.</summary>
[CollectionDefinition(nameof(NetlinkFileDescriptorTests), DisableParallelization = true)]
[Collection(nameof(NetlinkFileDescriptorTests))]
public sealed class NetlinkFileDescriptorTests
{
    private static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    [RootFact]
    public void ManyCalls_IncludingFailures_LeakNoDescriptors()
    {
        using var ns = TestNetworkNamespace.Create();
        ns.AddVethPair("net1", "peer1");
        ns.Ip("addr", "add", "10.2.0.2/24", "dev", "net1");
        var netns = new NetlinkPodNetworkNamespace();
        var missing = $"/var/run/netns/mnt-missing-{Guid.NewGuid():N}";
        void Round()
        {
            netns.LinkExists(ns.Path, "net1").Should().BeTrue();
            netns.GetMacAddress(ns.Path, "net2").Should().BeNull();
            netns.AddDefaultRoute(ns.Path, "net1", IPAddress.Parse("10.2.0.1"));
            netns.ListDefaultRoutes(ns.Path, AddressFamily.InterNetwork).Should().HaveCount(1);
            netns.RemoveDefaultRoutes(ns.Path, "net1", AddressFamily.InterNetwork).Should().Be(1);
            var act = () => netns.LinkExists(missing, "net1");
            act.Should().Throw<Cni.Protocol.CniException>();
        }

        Round();   // first use loads what the runtime keeps open for good
        var before = OpenDescriptors();

        for (var i = 0; i < 100; i++)
        {
            Round();
        }

        OpenDescriptors().Should().BeLessThanOrEqualTo(before);
    }
}
