using MultiNet.Attachments.Cluster;
using MultiNet.Kubernetes.Manifests;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Cli.Explain;

/// <summary>The NADs and pods of scanned manifests, as the engine's lookups: what a cluster would answer.</summary>
internal sealed class ScannedManifests(ManifestScan scan) : INetworkDefinitionSource, IPodSource
{
    /// <inheritdoc />
    public Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken) =>
        Task.FromResult(scan.Networks.FirstOrDefault(n => n.Namespace == nadNamespace && n.Name == nadName)?.ToNetwork());

    /// <inheritdoc />
    public Task<PodInfo?> GetPodAsync(string podNamespace, string podName, CancellationToken cancellationToken) =>
        Task.FromResult(scan.Pods.FirstOrDefault(p => p.Namespace == podNamespace && p.Name == podName)?.ToPod());
}
