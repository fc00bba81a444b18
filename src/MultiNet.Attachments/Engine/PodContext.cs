using MultiNet.Attachments.Cluster;

namespace MultiNet.Attachments.Engine;

/// <summary>Who the request is for: the Kubernetes arguments from CNI_ARGS and, when reachable, the pod itself.</summary>
public sealed record PodContext
{
    /// <summary>K8S_POD_NAMESPACE.</summary>
    public string? Namespace { get; init; }
    /// <summary>K8S_POD_NAME.</summary>
    public string? Name { get; init; }
    /// <summary>K8S_POD_UID.</summary>
    public string? Uid { get; init; }
    /// <summary>The pod as the cluster knows it; null without Kubernetes or when the pod is gone.</summary>
    public PodInfo? Pod { get; init; }
    /// <summary>CNI_ARGS for delegates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DelegateArgs { get; init; } = [];

    /// <summary>A short label for messages: <c>ns/name</c> or the container id.</summary>
    public string Label(string containerId) => Namespace is not null && Name is not null ? $"{Namespace}/{Name}" : containerId;
}
