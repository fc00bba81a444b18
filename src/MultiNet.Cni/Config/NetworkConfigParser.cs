using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Config;

/// <summary>Reads a conflist or a single conf into a <see cref="NetworkConfigList"/>.</summary>
internal static class NetworkConfigParser
{
    private static readonly JsonFieldReader F = new("network config", CniErrorCode.InvalidConfig);

    public static NetworkConfigList Parse(JsonObject obj)
    {
        var name = F.String(obj, "name", "name");
        if (string.IsNullOrEmpty(name))
        {
            throw F.Error("name", "is missing");
        }

        if (!CniIdentifiers.IsValidNetworkName(name))
        {
            throw Error(name, "field \"name\" must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
        }

        var version = SelectVersion(obj, name);
        var isList = obj.ContainsKey("plugins");
        var plugins = isList ? ReadPlugins(obj, name) : [ReadSingleConf(obj, name)];
        return new NetworkConfigList
        {
            Name = name,
            CniVersion = version,
            DisableCheck = Flag(obj, "disableCheck", name),
            DisableGc = Flag(obj, "disableGC", name),
            Plugins = plugins,
            IsSingleConf = !isList,
        };
    }

    // CNI 1.1: the highest version of cniVersion ∪ cniVersions that MultiNet supports.
    private static string SelectVersion(JsonObject obj, string name)
    {
        var single = F.String(obj, "cniVersion", "cniVersion");
        var many = obj.ContainsKey("cniVersions") ? F.Strings(obj, "cniVersions", "cniVersions") : null;
        if (string.IsNullOrEmpty(single) && many is null)
        {
            throw Error(name, "field \"cniVersion\" is missing");
        }

        var candidates = new List<string>(many ?? []);
        if (!string.IsNullOrEmpty(single))
        {
            candidates.Add(single);
        }

        return CniVersions.HighestSupported(candidates) ?? throw new CniException(
            CniErrorCode.IncompatibleVersion,
            $"network \"{name}\": unsupported cniVersion {string.Join(", ", candidates.Select(c => $"\"{c}\""))} "
            + $"(supported: {string.Join(", ", CniVersions.Supported)})");
    }

    private static JsonObject[] ReadPlugins(JsonObject obj, string name)
    {
        if (obj["plugins"] is not JsonArray array)
        {
            throw Error(name, "field \"plugins\" must be an array");
        }

        if (array.Count == 0)
        {
            throw Error(name, "field \"plugins\" is empty");
        }

        var plugins = new JsonObject[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var plugin = array[i] as JsonObject ?? throw Error(name, $"plugins[{i}]: must be an object");
            RequireType(plugin, name, $"plugins[{i}]: ");
            RequireCapabilityMap(plugin, name, $"plugins[{i}]: ");
            plugins[i] = plugin;
        }

        // Detach the plugin objects from the parsed array so each can live on its own.
        array.Clear();
        return plugins;
    }

    private static JsonObject ReadSingleConf(JsonObject obj, string name)
    {
        if (!obj.ContainsKey("type"))
        {
            throw Error(name, "field \"type\" is missing (and there is no \"plugins\" list)");
        }

        RequireType(obj, name, string.Empty);
        RequireCapabilityMap(obj, name, string.Empty);
        return obj;
    }

    private static void RequireType(JsonObject plugin, string name, string where)
    {
        var type = plugin["type"];
        if (type is null)
        {
            throw Error(name, $"{where}field \"type\" is missing");
        }

        if (type is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length == 0)
        {
            throw Error(name, $"{where}field \"type\" must be a non-empty string, got {type.ToJsonString()}");
        }
    }

    // The runtime reads capabilities to pass runtimeConfig (spec: a map of capability names to booleans); a plugin
    // would refuse anything else only after the interfaces before it were already set up.
    private static void RequireCapabilityMap(JsonObject plugin, string name, string where)
    {
        var node = plugin["capabilities"];
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject caps || caps.Any(c => c.Value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)))
        {
            throw Error(name, $"{where}field \"capabilities\" must map capability names to true or false, got {node.ToJsonString()}");
        }
    }

    // libcni takes disableCheck as a bool or as the string "true"/"false" (the 0.4.0 spec wrote a string).
    private static bool Flag(JsonObject obj, string field, string name)
    {
        var node = obj[field];
        if (node is null)
        {
            return false;
        }

        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var b):
                    return b;
            }
        }

        throw Error(name, $"field \"{field}\" must be true or false, got {node.ToJsonString()}");
    }

    private static CniException Error(string name, string problem) =>
        new(CniErrorCode.InvalidConfig, $"network \"{name}\": {problem}");
}
