using MultiNet.Attachments.Cluster;

namespace MultiNet.Cli.Commands;

/// <summary>Pods from the manifests, plus the one the command line describes (<c>--networks</c>).</summary>
internal sealed class StandalonePods(IPodSource manifests, PodInfo? commandLinePod) : IPodSource
{
    public Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken) =>
        commandLinePod is not null && commandLinePod.Namespace == podNamespace && commandLinePod.Name == podName
            ? Task.FromResult<PodInfo?>(commandLinePod)
            : manifests.GetPodAsync(podNamespace, podName, cancellationToken);
}
