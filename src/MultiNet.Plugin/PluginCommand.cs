using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;
using MultiNet.Plugin.Shim;

namespace MultiNet.Plugin;

/// <summary>One CNI call: thin mode runs the engine here; with <c>daemonSocketDir</c> the call goes to multinetd.</summary>
internal sealed class PluginCommand(CniEnvironment env, MultiNetConfig config, byte[] stdin, ILogger logger)
{
    public Task<string?> RunAsync(CancellationToken ct)
    {
        if (config.DaemonSocketDir is not null)
        {
            return new DaemonShim(config, logger).RunAsync(env, stdin, ct);
        }

        var engine = new AttachmentEngine(ClusterAccessFactory.Create(config, logger), new NetlinkPodNetworkNamespace(), logger: logger);
        return EngineCommand.RunAsync(engine, env, config, ct);
    }

    /// <summary>DEL from the checkpoint alone, no cluster access: what the shim does when the daemon cannot be reached.</summary>
    public static Task<string?> DeleteLocallyAsync(CniEnvironment env, MultiNetConfig config, ILogger logger, CancellationToken ct)
    {
        var engine = new AttachmentEngine(new ClusterAccess(), new NetlinkPodNetworkNamespace(), logger: logger);
        return EngineCommand.RunAsync(engine, env, config, ct);
    }
}
