using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Execution;

/// <summary>
/// Step "default route": an attachment whose selection carries <c>default-route</c> takes the pod's default route
/// for that IP family; every other interface loses its default route of that family (the cluster network's too).
/// </summary>
internal sealed class DefaultRouteApplier(IPodNetworkNamespace netns, ILogger logger)
{
    /// <summary>Applies the default-route requests of the plan inside the pod's namespace.</summary>
    public void Apply(Checkpoint checkpoint, string? netnsPath)
    {
        var plan = checkpoint.Plan;
        var owners = plan.Attachments.Where(a => a.DefaultRouteGateways.Count > 0).ToList();
        if (owners.Count == 0)
        {
            return;
        }

        if (netnsPath is null)
        {
            throw new CniException(CniErrorCode.DefaultRoute, "default-route: CNI_NETNS is not set, cannot change routes");
        }

        foreach (var owner in owners)
        {
            foreach (var text in owner.DefaultRouteGateways)
            {
                if (!IPAddress.TryParse(text, out var gateway))
                {
                    throw new CniException(CniErrorCode.DefaultRoute,
                        $"network \"{owner.NetworkName}\": field \"default-route\": \"{text}\" is not an IP address");
                }

                try
                {
                    foreach (var other in plan.Attachments)
                    {
                        netns.RemoveDefaultRoutes(netnsPath, other.IfName, gateway.AddressFamily);
                    }

                    netns.AddDefaultRoute(netnsPath, owner.IfName, gateway);
                }
                catch (CniException e) when (e.Code != CniErrorCode.DefaultRoute)
                {
                    throw new CniException(CniErrorCode.DefaultRoute,
                        $"network \"{owner.NetworkName}\": default route via {gateway} dev {owner.IfName}: {e.Message}", e.Details, e);
                }

                EngineLog.DefaultRouteMoved(logger, plan.ContainerId,
                    gateway.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4", owner.IfName, text);
            }
        }
    }
}
