using System.Net;
using System.Net.Sockets;

namespace MultiNet.Attachments.Netns;

/// <summary>The few things the engine reads or changes inside a pod's network namespace.</summary>
public interface IPodNetworkNamespace
{
    /// <summary>
    /// True when a link named <paramref name="ifName"/> exists in the netns at <paramref name="netnsPath"/>.
    /// A missing netns is a <c>CniException</c> with code 3 (unknown container).
    /// </summary>
    bool LinkExists(string netnsPath, string ifName);

    /// <summary>
    /// The names of <paramref name="ifNames"/> that exist as links in the netns, checked in one visit of the namespace.
    /// A missing netns is a <c>CniException</c> with code 3 (unknown container).
    /// </summary>
    IReadOnlyList<string> ExistingLinks(string netnsPath, IReadOnlyList<string> ifNames);

    /// <summary>The link's MAC address (<c>aa:bb:cc:dd:ee:ff</c>), or null when the link does not exist or has no hardware address.</summary>
    string? GetMacAddress(string netnsPath, string ifName);

    /// <summary>
    /// Removes every default route (<c>0.0.0.0/0</c> or <c>::/0</c>, main table) of <paramref name="family"/>
    /// whose output interface is <paramref name="ifName"/>; returns how many were removed.
    /// </summary>
    int RemoveDefaultRoutes(string netnsPath, string ifName, AddressFamily family);

    /// <summary>Adds <c>default via gateway dev ifName</c> to the main table; an identical route already present is success.</summary>
    void AddDefaultRoute(string netnsPath, string ifName, IPAddress gateway);

    /// <summary>Lists the main table's default routes of <paramref name="family"/> as (output interface, gateway), one entry per next hop.</summary>
    IReadOnlyList<(string IfName, IPAddress? Gateway)> ListDefaultRoutes(string netnsPath, AddressFamily family);
}
