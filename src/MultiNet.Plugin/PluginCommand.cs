using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Plugin;

/// <summary>One CNI call: parse, wire the engine by hand, run the verb, print the result.</summary>
internal sealed class PluginCommand(CniEnvironment env, MultiNetConfig config, ILogger logger)
{
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        if (config.DaemonSocketDir is not null)
        {
            throw new CniException(CniErrorCode.UnsupportedField,
                $"network config: field \"daemonSocketDir\": \"{config.DaemonSocketDir}\": thick mode (multinetd) is not part of this build",
                "remove daemonSocketDir to run in thin mode");
        }

        var engine = new AttachmentEngine(ClusterAccessFactory.Create(config, logger), new NetlinkPodNetworkNamespace(), logger: logger);
        switch (env.Command)
        {
            case CniCommand.Add:
                var result = await engine.AddAsync(env, config, ct).ConfigureAwait(false);
                return ResultConverter.ToJsonString(result, config.CniVersion);
            case CniCommand.Del:
                await engine.DelAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Check:
                RequireVersion("0.4.0");
                await engine.CheckAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Status:
                RequireVersion("1.1.0");
                await engine.StatusAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Gc:
                RequireVersion("1.1.0");
                await engine.GcAsync(env, config, ct).ConfigureAwait(false);
                return null;
            default:
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_COMMAND: \"{env.Command}\" is not handled here");
        }
    }

    private void RequireVersion(string minimum)
    {
        if (!CniVersions.AtLeast(config.CniVersion, minimum))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion,
                $"network config: field \"cniVersion\": {env.Command.ToString().ToUpperInvariant()} needs cniVersion {minimum} or later, got \"{config.CniVersion}\"");
        }
    }
}
