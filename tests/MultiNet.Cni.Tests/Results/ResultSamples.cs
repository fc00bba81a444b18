using MultiNet.Cni.Results;

namespace MultiNet.Cni.Tests.Results;

/// <summary>Results the way real plugins print them, one per result version family.</summary>
public static class ResultSamples
{
    /// <summary>0.2.0 from a DHCP-style IPAM plugin: one IPv4 lease, a default route, DNS.</summary>
    public const string Dhcp020 = """
        {"cniVersion":"0.2.0",
         "ip4":{"ip":"192.168.122.57/24","gateway":"192.168.122.1","routes":[{"dst":"0.0.0.0/0","gw":"192.168.122.1"}]},
         "dns":{"nameservers":["192.168.122.1"],"domain":"example.local"}}
        """;

    /// <summary>0.1.0 from host-local, dual stack.</summary>
    public const string HostLocal010 = """
        {"cniVersion":"0.1.0",
         "ip4":{"ip":"10.1.2.3/24","gateway":"10.1.2.1","routes":[{"dst":"0.0.0.0/0"}]},
         "ip6":{"ip":"fd00:1:2::3/64","gateway":"fd00:1:2::1","routes":[{"dst":"::/0","gw":"fd00:1:2::1"}]}}
        """;

    /// <summary>0.4.0 from bridge: the bridge, the host veth and the pod's eth0.</summary>
    public const string Bridge040 = """
        {"cniVersion":"0.4.0",
         "interfaces":[{"name":"cni0","mac":"9a:3c:1e:44:5d:01"},
                       {"name":"veth8a3c12f4","mac":"4e:91:0a:77:23:bc"},
                       {"name":"eth0","mac":"0a:58:0a:16:00:05","sandbox":"/var/run/netns/cni-4a1d9c"}],
         "ips":[{"version":"4","interface":2,"address":"10.22.0.5/16","gateway":"10.22.0.1"}],
         "routes":[{"dst":"0.0.0.0/0","gw":"10.22.0.1"}]}
        """;

    /// <summary>0.3.1 from ptp, dual stack.</summary>
    public const string Ptp031 = """
        {"cniVersion":"0.3.1",
         "interfaces":[{"name":"veth1f2e3d4c","mac":"ee:11:22:33:44:55"},
                       {"name":"eth0","mac":"ee:66:77:88:99:aa","sandbox":"/var/run/netns/cni-77"}],
         "ips":[{"version":"4","interface":1,"address":"10.1.1.2/24","gateway":"10.1.1.1"},
                {"version":"6","interface":1,"address":"fd00:1::2/64","gateway":"fd00:1::1"}],
         "routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}],
         "dns":{"nameservers":["10.96.0.10"],"search":["svc.cluster.local"]}}
        """;

    /// <summary>1.0.0 from host-local used on its own (IPAM form: no interfaces, no ips[].interface).</summary>
    public const string HostLocal100 = """
        {"cniVersion":"1.0.0",
         "ips":[{"address":"10.10.0.7/24","gateway":"10.10.0.1"},{"address":"10.10.1.7/24"}],
         "routes":[{"dst":"10.20.0.0/16","gw":"10.10.0.1"}]}
        """;

    /// <summary>1.1.0 from an SR-IOV-style plugin with 1.1-only fields.</summary>
    public const string Sriov110 = """
        {"cniVersion":"1.1.0",
         "interfaces":[{"name":"net1","mac":"3a:5b:11:22:33:44","mtu":9000,"sandbox":"/var/run/netns/pod-1","pciID":"0000:04:00.5"},
                       {"name":"vhu0","socketPath":"/var/run/vhost/vhu0.sock"}],
         "ips":[{"interface":0,"address":"192.0.2.10/24","gateway":"192.0.2.1"},
                {"interface":0,"address":"2001:db8::10/64","gateway":"2001:db8::1"}],
         "routes":[{"dst":"198.51.100.0/24","gw":"192.0.2.1","mtu":1500,"advmss":1460,"priority":100,"table":100,"scope":0},
                   {"dst":"::/0","gw":"2001:db8::1"}],
         "dns":{"nameservers":["10.96.0.10"],"domain":"cluster.local","search":["ns.svc.cluster.local"],"options":["ndots:5"]}}
        """;

    public static readonly (string Name, string Json)[] All =
    [
        ("Dhcp020", Dhcp020),
        ("HostLocal010", HostLocal010),
        ("Bridge040", Bridge040),
        ("Ptp031", Ptp031),
        ("HostLocal100", HostLocal100),
        ("Sriov110", Sriov110),
    ];

    /// <summary>A hub holding every field: two IPv4 and one IPv6 address, routes of both families.</summary>
    public static CniResult Rich { get; } = new()
    {
        CniVersion = "1.1.0",
        Interfaces =
        [
            new ResultInterface { Name = "br0", Mac = "02:00:00:00:00:01" },
            new ResultInterface { Name = "eth1", Mac = "02:00:00:00:00:02", Sandbox = "/var/run/netns/p", Mtu = 1400, PciId = "0000:01:00.1" },
        ],
        Ips =
        [
            new ResultIp { Address = "10.5.0.2/24", Gateway = "10.5.0.1", Interface = 1 },
            new ResultIp { Address = "10.6.0.2/24", Interface = 1 },
            new ResultIp { Address = "fd05::2/64", Gateway = "fd05::1", Interface = 1 },
        ],
        Routes =
        [
            new ResultRoute { Dst = "0.0.0.0/0", Gw = "10.5.0.1", Table = 10, Scope = 0, Priority = 5 },
            new ResultRoute { Dst = "fd06::/64", Gw = "fd05::1" },
        ],
        Dns = new ResultDns { Nameservers = ["10.96.0.10"], Search = ["a.local"] },
    };
}
