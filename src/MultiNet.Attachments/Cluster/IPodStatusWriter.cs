namespace MultiNet.Attachments.Cluster;

/// <summary>Writes <c>k8s.v1.cni.cncf.io/network-status</c> back on the pod.</summary>
public interface IPodStatusWriter
{
    /// <summary>Sets the annotation to <paramref name="networkStatusJson"/> with a single write. A pod that is gone is not an error.</summary>
    Task WriteNetworkStatusAsync(PodInfo pod, string networkStatusJson, CancellationToken cancellationToken);
}
