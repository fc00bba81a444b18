namespace MultiNet.Attachments.Cluster;

/// <summary>The cluster-facing parts the engine uses; any of them may be absent (delegates-only mode has none).</summary>
public sealed record ClusterAccess
{
    /// <summary>Pod lookup; null when there is no Kubernetes at all.</summary>
    public IPodSource? Pods { get; init; }
    /// <summary>NAD lookup.</summary>
    public INetworkDefinitionSource? Networks { get; init; }
    /// <summary>Status writer.</summary>
    public IPodStatusWriter? Status { get; init; }
    /// <summary>Event recorder.</summary>
    public IPodEventRecorder? Events { get; init; }
    /// <summary>Device allocations for NADs with a resourceName.</summary>
    public IDeviceAllocationSource? Devices { get; init; }
}
