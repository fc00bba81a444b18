using System.Net;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Engine;
using MultiNet.NetworkPlumbing.Status;

namespace MultiNet.Attachments.Execution;

/// <summary>Step "write status": builds network-status from the results, writes it with one call and records one Event.</summary>
internal sealed class StatusPublisher(ClusterAccess cluster, ILogger logger)
{
    /// <summary>The network-status entries of a finished ADD, cluster network first.</summary>
    public IReadOnlyList<NetworkStatus> Build(Checkpoint checkpoint)
    {
        var plan = checkpoint.Plan;
        var moved = plan.Attachments.SelectMany(a => a.DefaultRouteGateways).Select(Family).ToHashSet();
        var statuses = new List<NetworkStatus>();
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            var attachment = plan.Attachments[i];
            var result = checkpoint.Results[i];
            if (result is null)
            {
                continue;
            }

            var deviceInfo = DeviceInfoFiles.Read(attachment, out var problem);
            if (problem is not null)
            {
                EngineLog.DeviceInfoUnreadable(logger, attachment.DeviceInfoFile!, problem);
            }

            foreach (var status in NetworkStatusBuilder.FromResult(result, attachment.NetworkName, attachment.IsClusterNetwork, deviceInfo, attachment.IfName))
            {
                // Gateways follow the default route: the owner reports its requested gateways, the others lose that family.
                var gateways = (status.Gateway ?? []).Where(g => !moved.Contains(Family(g))).Concat(attachment.DefaultRouteGateways).ToList();
                statuses.Add(status with { Gateway = gateways.Count > 0 ? gateways : null });
            }
        }

        return statuses;
    }

    /// <summary>Writes the annotation and one AddedInterface event, when the pod is known and a writer is configured.</summary>
    public async Task PublishAsync(PodInfo? pod, IReadOnlyList<NetworkStatus> statuses, CancellationToken ct)
    {
        if (pod is null)
        {
            return;
        }

        // The status write and the event are independent round trips: send them together.
        var writes = new List<Task>(2);
        if (cluster.Status is not null)
        {
            writes.Add(cluster.Status.WriteNetworkStatusAsync(pod, NetworkStatusBuilder.ToAnnotation(statuses), ct));
        }

        if (cluster.Events is not null && statuses.Count > 0)
        {
            var message = string.Join("; ", statuses.Select(s => $"Add {s.Interface} [{string.Join(",", s.Ips)}] from {s.Name}"));
            writes.Add(cluster.Events.RecordAsync(pod, new PodEvent("Normal", "AddedInterface", message), ct));
        }

        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    private static int Family(string address) =>
        IPAddress.TryParse(address, out var ip) ? (int)ip.AddressFamily : -1;
}
