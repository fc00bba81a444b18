namespace MultiNet.Attachments.Cluster;

/// <summary>Where pods come from: the API, a watch cache, or a folder of manifests.</summary>
public interface IPodSource
{
    /// <summary>Returns the pod, or null when it does not exist. Throws <c>CniException</c> (code 11 when transient) on failure.</summary>
    Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken);
}
