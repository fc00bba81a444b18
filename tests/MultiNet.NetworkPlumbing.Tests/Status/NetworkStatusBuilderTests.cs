using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Results;
using MultiNet.NetworkPlumbing.Status;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Status;

public class NetworkStatusBuilderTests
{
    private const string Netns = "/var/run/netns/cni-1234";

    // What the bridge plugin returns (host-local IPAM): the bridge, the host veth, then the pod's eth0.
    private static CniResult BridgeResult(string version, uint? mtu = null) => new()
    {
        CniVersion = version,
        Interfaces =
        [
            new ResultInterface { Name = "cni0", Mac = "0a:58:0a:f4:00:01" },
            new ResultInterface { Name = "veth3f2a1b7c", Mac = "6e:1c:3a:55:0b:2d" },
            new ResultInterface { Name = "eth0", Mac = "0a:58:0a:f4:00:05", Sandbox = Netns, Mtu = mtu },
        ],
        Ips = [new ResultIp { Address = "10.244.0.5/24", Gateway = "10.244.0.1", Interface = 2 }],
        Routes = [new ResultRoute { Dst = "0.0.0.0/0", Gw = "10.244.0.1" }],
        Dns = new ResultDns(),
    };

    // What macvlan returns with static IPAM: only the pod's interface.
    private static CniResult MacvlanResult(string version) => new()
    {
        CniVersion = version,
        Interfaces = [new ResultInterface { Name = "net1", Mac = "c2:11:22:33:44:55", Sandbox = Netns }],
        Ips =
        [
            new ResultIp { Address = "10.1.1.11/24", Interface = 0 },
            new ResultIp { Address = "2001:db8::11/64", Interface = 0 },
        ],
    };

    [Theory]
    [InlineData("0.3.1", null, null)]
    [InlineData("0.4.0", null, null)]
    [InlineData("1.0.0", null, null)]
    [InlineData("1.1.0", 1450u, 1450)]
    public void FromResult_Bridge_OneStatusForThePodInterface(string version, uint? mtu, int? expectedMtu)
    {
        var statuses = NetworkStatusBuilder.FromResult(BridgeResult(version, mtu), "kube-system/cluster", isDefault: true, null, "eth0");

        statuses.Should().ContainSingle().Which.Should().BeEquivalentTo(new NetworkStatus
        {
            Name = "kube-system/cluster",
            Interface = "eth0",
            Ips = ["10.244.0.5"],
            Mac = "0a:58:0a:f4:00:05",
            Mtu = expectedMtu,
            Default = true,
            Gateway = ["10.244.0.1"],
        });
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    public void FromResult_MacvlanSecondary_NotDefaultNoGateway(string version)
    {
        var status = NetworkStatusBuilder.FromResult(MacvlanResult(version), "team-a/macvlan-a", isDefault: false, null, "net1").Single();

        status.Should().BeEquivalentTo(new NetworkStatus
        {
            Name = "team-a/macvlan-a",
            Interface = "net1",
            Ips = ["10.1.1.11", "2001:db8::11"],
            Mac = "c2:11:22:33:44:55",
            Default = false,
        });
        status.Gateway.Should().BeNull();
        status.Dns.Should().BeNull();
    }

    [Fact]
    public void FromResult_SeveralSandboxInterfaces_IpsByIndexUnindexedToLast()
    {
        var result = new CniResult
        {
            Interfaces =
            [
                new ResultInterface { Name = "host0" },
                new ResultInterface { Name = "a0", Mac = "00:00:00:00:00:0a", Sandbox = Netns },
                new ResultInterface { Name = "b0", Mac = "00:00:00:00:00:0b", Sandbox = Netns },
            ],
            Ips =
            [
                new ResultIp { Address = "192.0.2.1/24", Interface = 0 },
                new ResultIp { Address = "10.0.0.1/24", Interface = 1 },
                new ResultIp { Address = "10.0.1.1/24", Interface = 2 },
                new ResultIp { Address = "10.0.9.9/24" },
                new ResultIp { Address = "10.0.8.8/24", Interface = 7 },
            ],
            Routes = [new ResultRoute { Dst = "::/0", Gw = "fd00::1" }, new ResultRoute { Dst = "10.0.0.0/8", Gw = "10.0.0.254" }],
            Dns = new ResultDns { Nameservers = ["10.0.0.53"], Search = ["svc.local"] },
        };

        var statuses = NetworkStatusBuilder.FromResult(result, "ns/multi", isDefault: false, null, "eth9");

        statuses.Select(s => (s.Interface, string.Join(",", s.Ips), s.Mac)).Should().Equal(
            ("a0", "10.0.0.1", "00:00:00:00:00:0a"),
            ("b0", "10.0.1.1,10.0.9.9,10.0.8.8", "00:00:00:00:00:0b"));
        statuses.Should().AllSatisfy(s =>
        {
            s.Gateway.Should().Equal("fd00::1");
            s.Dns!.Nameservers.Should().Equal("10.0.0.53");
            s.Dns.Search.Should().Equal("svc.local");
            s.Default.Should().BeFalse();
        });
    }

    [Fact]
    public void FromResult_DefaultWithSeveralInterfaces_MarksTheGatewayInterface()
    {
        var result = new CniResult
        {
            Interfaces =
            [
                new ResultInterface { Name = "a0", Sandbox = Netns },
                new ResultInterface { Name = "b0", Sandbox = Netns },
            ],
            Ips =
            [
                new ResultIp { Address = "10.0.0.1/24", Interface = 0 },
                new ResultIp { Address = "10.0.1.1/24", Gateway = "10.0.1.254", Interface = 1 },
            ],
        };

        var statuses = NetworkStatusBuilder.FromResult(result, "cluster", isDefault: true, null, "eth0");

        statuses.Select(s => (s.Interface, s.Default)).Should().Equal(("a0", false), ("b0", true));
    }

    [Fact]
    public void FromResult_DefaultWithSeveralInterfacesNoGateway_MarksTheFirst()
    {
        var result = new CniResult
        {
            Interfaces = [new ResultInterface { Name = "a0", Sandbox = Netns }, new ResultInterface { Name = "b0", Sandbox = Netns }],
            Ips = [new ResultIp { Address = "10.0.1.1/24", Interface = 1 }],
        };

        NetworkStatusBuilder.FromResult(result, "cluster", isDefault: true, null, "eth0")
            .Select(s => s.Default).Should().Equal(true, false);
    }

    [Fact]
    public void FromResult_OnlyHostInterfaces_OneStatusWithFallbackNameAndAllIps()
    {
        var result = new CniResult
        {
            Interfaces = [new ResultInterface { Name = "veth1", Mac = "aa:aa:aa:aa:aa:aa" }],
            Ips = [new ResultIp { Address = "10.0.0.7/32", Interface = 0 }, new ResultIp { Address = "fd00::7/128" }],
        };

        var status = NetworkStatusBuilder.FromResult(result, "ns/ptp", isDefault: false, null, "net3").Single();

        status.Interface.Should().Be("net3");
        status.Ips.Should().Equal("10.0.0.7", "fd00::7");
        status.Mac.Should().BeNull();
    }

    [Fact]
    public void FromResult_IpamOnlyResult_FallbackInterface()
    {
        var result = new CniResult { Ips = [new ResultIp { Address = "10.0.0.3/24", Gateway = "10.0.0.1" }] };

        var status = NetworkStatusBuilder.FromResult(result, "ns/x", isDefault: true, null, "eth0").Single();

        (status.Interface, status.Default, status.Ips.Single()).Should().Be(("eth0", true, "10.0.0.3"));
    }

    [Fact]
    public void FromResult_EmptyResultNoFallback_MinimalEntry()
    {
        var status = NetworkStatusBuilder.FromResult(new CniResult(), "ns/x", isDefault: false, null, null).Single();

        status.Should().BeEquivalentTo(new NetworkStatus { Name = "ns/x" });
    }

    [Fact]
    public void FromResult_DeviceInfo_OnEveryEntry()
    {
        var deviceInfo = new JsonObject { ["type"] = "pci", ["version"] = "1.1.0", ["pci"] = new JsonObject { ["pci-address"] = "0000:04:00.5" } };

        var status = NetworkStatusBuilder.FromResult(MacvlanResult("1.0.0"), "ns/sriov", isDefault: false, deviceInfo, "net1").Single();

        status.DeviceInfo.Should().BeSameAs(deviceInfo);
    }

    [Fact]
    public void FromResult_SeveralDefaultRoutes_DistinctGatewaysOfBothFamilies()
    {
        var result = MacvlanResult("1.0.0") with
        {
            Routes =
            [
                new ResultRoute { Dst = "0.0.0.0/0", Gw = "10.1.1.1" },
                new ResultRoute { Dst = "0.0.0.0/0", Gw = "10.1.1.1", Table = 100 },
                new ResultRoute { Dst = "::/0", Gw = "2001:db8::1" },
                new ResultRoute { Dst = "0.0.0.0/0" },
                new ResultRoute { Dst = "10.0.0.0/0x", Gw = "10.9.9.9" },
                new ResultRoute { Dst = "192.168.0.0/16", Gw = "10.1.1.2" },
            ],
        };

        NetworkStatusBuilder.FromResult(result, "ns/a", false, null, "net1").Single().Gateway
            .Should().Equal("10.1.1.1", "2001:db8::1");
    }

    [Fact]
    public void FromResult_EmptyDns_Omitted()
    {
        var result = MacvlanResult("0.4.0") with { Dns = new ResultDns { Domain = "" } };

        NetworkStatusBuilder.FromResult(result, "ns/a", false, null, "net1").Single().Dns.Should().BeNull();
    }
}
