using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// Device ids for NADs with a <c>resourceName</c>: the kubelet's allocations for the pod, consumed in order, so
/// two attachments of the same resource get two different devices.
/// </summary>
internal sealed class DeviceAssigner(IDeviceAllocationSource? source, PodInfo? pod)
{
    private readonly Dictionary<string, (IReadOnlyList<string> Ids, int Next)> _byResource = new(StringComparer.Ordinal);

    /// <summary>The device id for this attachment, or null when it needs none.</summary>
    public async Task<string?> NextAsync(ResolvedNetwork network, NetworkSelectionElement? selection, CancellationToken ct)
    {
        var resource = network.Definition?.ResourceName;
        if (string.IsNullOrWhiteSpace(resource))
        {
            return selection?.DeviceId;
        }

        if (source is null || pod is null)
        {
            throw new CniException(CniErrorCode.DeviceAllocation,
                $"network \"{network.StatusName}\": resource \"{resource}\": no pod or device source to find the allocated device");
        }

        if (!_byResource.TryGetValue(resource, out var entry))
        {
            try
            {
                entry = (await source.GetDeviceIdsAsync(pod, resource, ct).ConfigureAwait(false), 0);
            }
            catch (CniException e)
            {
                throw e.WithContext($"network \"{network.StatusName}\"");
            }
        }

        if (entry.Next >= entry.Ids.Count)
        {
            throw new CniException(CniErrorCode.DeviceAllocation,
                $"network \"{network.StatusName}\": resource \"{resource}\": the pod has {entry.Ids.Count} device(s) allocated and needs more",
                "request one unit of the resource per network that uses it in the pod's resources.limits");
        }

        _byResource[resource] = (entry.Ids, entry.Next + 1);
        return entry.Ids[entry.Next];
    }
}
