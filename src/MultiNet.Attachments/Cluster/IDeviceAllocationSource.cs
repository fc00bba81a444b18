namespace MultiNet.Attachments.Cluster;

/// <summary>Device IDs the kubelet allocated to a pod for an extended resource (e.g. <c>intel.com/sriov_vf</c>).</summary>
public interface IDeviceAllocationSource
{
    /// <summary>Returns the device IDs allocated to the pod for <paramref name="resourceName"/>, sorted; empty when none.</summary>
    Task<IReadOnlyList<string>> GetDeviceIdsAsync(PodInfo pod, string resourceName, CancellationToken cancellationToken);
}
