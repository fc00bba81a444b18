using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Devices;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Daemon.Caches;
using MultiNet.Daemon.Events;

namespace MultiNet.Daemon.Server;

/// <summary>
/// The engine of one request, over the daemon's long-lived parts: pods and NADs from the watch caches (live GET on
/// a miss), the status patch through the lean API client, events through the background queue; delegates run in
/// the host's root when <c>chrootDir</c> is set.
/// </summary>
internal sealed class EngineFactory(
    CacheWatchService caches, IPodSource livePods, IPodStatusWriter status, QueuedEventRecorder events, ILogger engineLogger, string? chrootDir)
{
    private readonly NetlinkPodNetworkNamespace _netns = new();

    // chrootDir: every delegate runs in the host's root, launched by this executable's chroot-exec mode.
    private readonly ConflistRunner _runner = new(new PluginProcessRunner(null, chrootDir is null ? null : new ChrootLauncher(chrootDir)));

    public AttachmentEngine Create(CniEnvironment env, MultiNetConfig config)
    {
        var uid = CniArgs.Parse(env.Args).LastOrDefault(a => a.Key == "K8S_POD_UID").Value;
        var cluster = new ClusterAccess
        {
            Pods = new PodLookup(caches.Pods, livePods, string.IsNullOrEmpty(uid) ? null : uid),
            Networks = caches.Nads,
            Status = status,
            Events = events,
            Devices = new KubeletDeviceAllocations(config.PodResourcesSocket, config.KubeletCheckpointFile),
        };
        return new AttachmentEngine(cluster, _netns, _runner, engineLogger);
    }
}
