using System.Net;
using System.Net.Sockets;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Netns;

/// <summary><see cref="IPodNetworkNamespace"/> over rtnetlink, each call entering the namespace on a thread of its own.</summary>
public sealed class NetlinkPodNetworkNamespace : IPodNetworkNamespace
{
    /// <inheritdoc/>
    public bool LinkExists(string netnsPath, string ifName) =>
        Run(netnsPath, netlink => netlink.GetLink(ifName) is not null);

    /// <inheritdoc/>
    public IReadOnlyList<string> ExistingLinks(string netnsPath, IReadOnlyList<string> ifNames) =>
        Run(netnsPath, netlink => (IReadOnlyList<string>)[.. ifNames.Where(name => netlink.GetLink(name) is not null)]);

    /// <inheritdoc/>
    public string? GetMacAddress(string netnsPath, string ifName) =>
        Run(netnsPath, netlink => netlink.GetLink(ifName)?.MacAddress);

    /// <inheritdoc/>
    public int RemoveDefaultRoutes(string netnsPath, string ifName, AddressFamily family)
    {
        CheckFamily(family);
        return Run(netnsPath, netlink =>
        {
            if (netlink.GetLink(ifName) is not { } link)
            {
                return 0;
            }

            var removed = 0;
            foreach (var route in netlink.ListDefaultRoutes(family))
            {
                if (!route.NextHops.All(hop => hop.InterfaceIndex == link.Index))
                {
                    continue;   // a multipath route that also leaves through other links is not this link's to remove
                }

                var reply = netlink.DeleteRoute(route);
                if (reply.Error == 0)
                {
                    removed++;
                }
                else if (reply.Error != Errno.ESRCH)
                {
                    throw new CniException(
                        CniErrorCode.DefaultRoute,
                        $"netns \"{netnsPath}\": cannot remove the default route{Via(route.NextHops[0].Gateway)} dev \"{ifName}\": {reply.DescribeError()}");
                }
            }

            return removed;
        });
    }

    /// <inheritdoc/>
    public void AddDefaultRoute(string netnsPath, string ifName, IPAddress gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (gateway.IsIPv4MappedToIPv6)
        {
            gateway = gateway.MapToIPv4();
        }

        CheckFamily(gateway.AddressFamily);
        var what = $"netns \"{netnsPath}\": cannot add the default route via {gateway} dev \"{ifName}\"";
        Run(netnsPath, netlink =>
        {
            var link = netlink.GetLink(ifName)
                ?? throw new CniException(CniErrorCode.DefaultRoute, $"{what}: no such link");
            var reply = netlink.AddDefaultRoute(link.Index, gateway);
            if (reply.Error == Errno.EEXIST)
            {
                // EEXIST says only that some default route holds the same metric; it is ours only when it matches.
                var existing = netlink.ListDefaultRoutes(gateway.AddressFamily).SelectMany(r => r.NextHops).ToList();
                if (existing.Any(hop => hop.InterfaceIndex == link.Index && gateway.Equals(hop.Gateway)))
                {
                    return true;
                }

                throw new CniException(CniErrorCode.DefaultRoute, $"{what}: another default route exists ({Describe(netlink, existing)})");
            }

            return reply.Error == 0 ? true : throw new CniException(CniErrorCode.DefaultRoute, $"{what}: {reply.DescribeError()}");
        });
    }

    /// <inheritdoc/>
    public IReadOnlyList<(string IfName, IPAddress? Gateway)> ListDefaultRoutes(string netnsPath, AddressFamily family)
    {
        CheckFamily(family);
        return Run(netnsPath, netlink =>
        {
            var names = new Dictionary<int, string>();
            var routes = new List<(string IfName, IPAddress? Gateway)>();
            foreach (var hop in netlink.ListDefaultRoutes(family).SelectMany(r => r.NextHops))
            {
                routes.Add((NameOf(netlink, hop.InterfaceIndex, names), hop.Gateway));
            }

            return routes;
        });
    }

    /// <summary>
    /// Runs several rtnetlink requests in one visit to the namespace: one thread, one enter and leave, one socket.
    /// </summary>
    internal static T Run<T>(string netnsPath, Func<RtNetlink, T> work) =>
        NamespaceThread.Run(netnsPath, () =>
        {
            using var netlink = RtNetlink.Open();
            return work(netlink);
        });

    private static void CheckFamily(AddressFamily family)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 have default routes");
        }
    }

    private static string Via(IPAddress? gateway) => gateway is null ? "" : $" via {gateway}";

    private static string NameOf(RtNetlink netlink, int index, Dictionary<int, string> names)
    {
        if (!names.TryGetValue(index, out var name))
        {
            name = netlink.GetLink(index)?.Name ?? $"if{index}";
            names[index] = name;
        }

        return name;
    }

    private static string Describe(RtNetlink netlink, List<NetlinkNextHop> hops)
    {
        var names = new Dictionary<int, string>();
        return string.Join(", ", hops.Select(hop => $"default{Via(hop.Gateway)} dev {NameOf(netlink, hop.InterfaceIndex, names)}"));
    }
}
