using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// Step "resolve networks": turns a reference (a NAD, a conf name in confDir, a file or a directory) into a
/// delegate configuration, the way Multus resolves <c>clusterNetwork</c> and <c>defaultNetworks</c>.
/// </summary>
internal sealed class NetworkResolver(MultiNetConfig config, INetworkDefinitionSource? networks)
{
    /// <summary>Resolves a <c>clusterNetwork</c> / <c>defaultNetworks</c> entry.</summary>
    public async Task<ResolvedNetwork> ResolveReferenceAsync(string reference, string field, CancellationToken ct)
    {
        if (reference.StartsWith('/'))
        {
            return ResolvePath(reference, field);
        }

        var (ns, name) = SplitReference(reference, config.MultusNamespace);
        if (networks is not null)
        {
            var nad = await networks.GetAsync(ns, name, ct).ConfigureAwait(false);
            if (nad is not null)
            {
                return FromDefinition(nad);
            }
        }

        var fromDir = NetworkConfigResolver.FindInConfDir(config.ConfDir, name);
        return fromDir is not null
            ? new ResolvedNetwork(fromDir.Name, fromDir, null)
            : throw new CniException(CniErrorCode.NetworkNotFound,
                $"network config: field \"{field}\": network \"{reference}\" not found",
                networks is null
                    ? $"no file in {config.ConfDir} has \"name\": \"{name}\" (no Kubernetes access configured for NADs)"
                    : $"no NetworkAttachmentDefinition {ns}/{name} and no file in {config.ConfDir} has \"name\": \"{name}\"");
    }

    /// <summary>Resolves a NAD a pod selected; a missing one is <see cref="CniErrorCode.NetworkNotFound"/>.</summary>
    public async Task<ResolvedNetwork> ResolveDefinitionAsync(string ns, string name, CancellationToken ct)
    {
        if (networks is null)
        {
            var fromDir = NetworkConfigResolver.FindInConfDir(config.ConfDir, name);
            return fromDir is not null
                ? new ResolvedNetwork($"{ns}/{name}", fromDir, null)
                : throw NotFound(ns, name, "no Kubernetes access is configured and confDir has no such network");
        }

        var nad = await networks.GetAsync(ns, name, ct).ConfigureAwait(false)
            ?? throw NotFound(ns, name, "no NetworkAttachmentDefinition with that name exists");
        return FromDefinition(nad);
    }

    /// <summary>Resolves an inline <c>delegates</c> entry.</summary>
    public static ResolvedNetwork FromInline(JsonObject delegateConfig, int index)
    {
        try
        {
            var list = NetworkConfigList.Parse(delegateConfig);
            return new ResolvedNetwork(list.Name, list, null);
        }
        catch (CniException e)
        {
            throw e.WithContext($"network config: delegates[{index}]");
        }
    }

    private static CniException NotFound(string ns, string name, string why) =>
        new(CniErrorCode.NetworkNotFound, $"network \"{ns}/{name}\": not found", why);

    private ResolvedNetwork FromDefinition(NetworkAttachmentDefinition nad)
    {
        var list = NetworkConfigResolver.Resolve(nad, config.ConfDir);
        return new ResolvedNetwork($"{nad.Namespace}/{nad.Name}", list, nad);
    }

    private static (string Namespace, string Name) SplitReference(string reference, string defaultNamespace)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (defaultNamespace, reference) : (reference[..slash], reference[(slash + 1)..]);
    }

    private static ResolvedNetwork ResolvePath(string path, string field)
    {
        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path).Where(IsConfigFile).Order(StringComparer.Ordinal))
            {
                var list = TryLoad(file);
                if (list is not null && !list.Plugins.Any(p => (string?)p["type"] == "multinet"))
                {
                    return new ResolvedNetwork(list.Name, list, null);
                }
            }

            throw new CniException(CniErrorCode.NetworkNotFound,
                $"network config: field \"{field}\": directory \"{path}\" holds no usable .conf, .conflist or .json file");
        }

        if (!File.Exists(path))
        {
            throw new CniException(CniErrorCode.NetworkNotFound, $"network config: field \"{field}\": \"{path}\" does not exist");
        }

        try
        {
            var list = NetworkConfigList.Parse(File.ReadAllText(path));
            return new ResolvedNetwork(list.Name, list, null);
        }
        catch (CniException e)
        {
            throw e.WithContext($"network config: field \"{field}\": file \"{path}\"");
        }
        catch (IOException e)
        {
            throw new CniException(CniErrorCode.IoFailure, $"network config: field \"{field}\": cannot read \"{path}\": {e.Message}");
        }
    }

    private static bool IsConfigFile(string file) =>
        file.EndsWith(".conf", StringComparison.Ordinal) || file.EndsWith(".conflist", StringComparison.Ordinal)
        || file.EndsWith(".json", StringComparison.Ordinal);

    private static NetworkConfigList? TryLoad(string file)
    {
        try
        {
            return NetworkConfigList.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is CniException or IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
