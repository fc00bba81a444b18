using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// The plan an ADD would make, without running anything: the same lookup and planning steps as
/// <see cref="AttachmentEngine.AddAsync"/>, for tools that explain it (<c>multinetctl explain</c>).
/// </summary>
public static class PlanPreview
{
    /// <summary>
    /// Looks up the pod named in <paramref name="env"/>'s CNI_ARGS through <paramref name="cluster"/> and plans its
    /// attachments. Throws <see cref="CniException"/> exactly where ADD would fail before its first delegate.
    /// </summary>
    public static async Task<AttachmentPlan> PlanAddAsync(CniEnvironment env, MultiNetConfig config, ClusterAccess cluster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var pod = await new PodContextLoader(cluster.Pods).LoadForAddAsync(env, ct).ConfigureAwait(false);
        var planner = new AttachmentPlanner(config, cluster, new NetworkResolver(config, cluster.Networks));
        return await planner.PlanAsync(env, pod, ct).ConfigureAwait(false);
    }
}
