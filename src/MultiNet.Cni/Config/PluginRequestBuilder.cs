using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Config;

/// <summary>Builds the config one plugin of a list receives on stdin (CNI "deriving the request config").</summary>
public static class PluginRequestBuilder
{
    /// <summary>
    /// A copy of plugin <paramref name="pluginIndex"/> with the list's <c>name</c> and <c>cniVersion</c>,
    /// <c>runtimeConfig</c> holding the capability args the plugin declares (merged over its own, omitted
    /// when empty) and <c>prevResult</c> in the list's version when given. <c>capabilities</c> and every other
    /// key stay as they are, as libcni leaves them; a <c>prevResult</c> already in the config is replaced or
    /// removed.
    /// </summary>
    public static JsonObject Build(
        NetworkConfigList list,
        int pluginIndex,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CniResult? prevResult)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfNegative(pluginIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pluginIndex, list.Plugins.Count);

        var request = (JsonObject)list.Plugins[pluginIndex].DeepClone();
        request["name"] = list.Name;
        request["cniVersion"] = list.CniVersion;
        request.Remove("cniVersions");

        var existing = request["runtimeConfig"];
        var runtimeConfig = existing as JsonObject ?? [];
        if (capabilityArgs is not null)
        {
            var declared = Capabilities(request);
            foreach (var (key, value) in capabilityArgs)
            {
                if (declared.Contains(key))
                {
                    runtimeConfig[key] = value?.DeepClone();
                }
            }
        }

        if (runtimeConfig.Count == 0)
        {
            if (existing is JsonObject)
            {
                request.Remove("runtimeConfig");
            }
        }
        else if (!ReferenceEquals(existing, runtimeConfig))
        {
            request["runtimeConfig"] = runtimeConfig;
        }

        // A stale prevResult stored in the config must not reach the first plugin of an ADD.
        request.Remove("prevResult");
        if (prevResult is not null)
        {
            request["prevResult"] = ResultConverter.ToJson(prevResult, list.CniVersion);
        }

        return request;
    }

    /// <summary>The capability names <paramref name="plugin"/> declares <c>true</c> in <c>capabilities</c>.</summary>
    public static IReadOnlySet<string> Capabilities(JsonObject plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (plugin["capabilities"] is JsonObject caps)
        {
            foreach (var (name, value) in caps)
            {
                if (value is JsonValue v && v.GetValueKind() == JsonValueKind.True)
                {
                    set.Add(name);
                }
            }
        }

        return set;
    }

    /// <summary>The capabilities declared by any plugin of <paramref name="list"/>.</summary>
    public static IReadOnlySet<string> UnionCapabilities(NetworkConfigList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plugin in list.Plugins)
        {
            set.UnionWith(Capabilities(plugin));
        }

        return set;
    }
}
