using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Engine;

/// <summary>Runs one CNI verb on the engine and returns what the plugin prints: shared by the plugin and the daemon.</summary>
public static class EngineCommand
{
    /// <summary>Returns the result JSON in the config's cniVersion for ADD, null for the other verbs.</summary>
    public static async Task<string?> RunAsync(AttachmentEngine engine, CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        switch (env.Command)
        {
            case CniCommand.Add:
                var result = await engine.AddAsync(env, config, ct).ConfigureAwait(false);
                return ResultConverter.ToJsonString(result, config.CniVersion);
            case CniCommand.Del:
                await engine.DelAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Check:
                RequireVersion(env, config, "0.4.0");
                await engine.CheckAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Status:
                RequireVersion(env, config, "1.1.0");
                await engine.StatusAsync(env, config, ct).ConfigureAwait(false);
                return null;
            case CniCommand.Gc:
                RequireVersion(env, config, "1.1.0");
                await engine.GcAsync(env, config, ct).ConfigureAwait(false);
                return null;
            default:
                throw new CniException(CniErrorCode.InvalidEnvironment, $"CNI_COMMAND: \"{env.Command}\" is not handled here");
        }
    }

    private static void RequireVersion(CniEnvironment env, MultiNetConfig config, string minimum)
    {
        if (!CniVersions.AtLeast(config.CniVersion, minimum))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion,
                $"network config: field \"cniVersion\": {env.Command.ToString().ToUpperInvariant()} needs cniVersion {minimum} or later, got \"{config.CniVersion}\"");
        }
    }
}
