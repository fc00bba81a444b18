using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cli.Commands;

namespace MultiNet.Cli.Migrate;

/// <summary>Reads the Multus file given to <c>migrate</c> and tells which of Multus's files it is; anything else is an input error naming the field.</summary>
internal static class MultusInput
{
    // Keys only thick Multus's daemon-config.json has: a file without "type" needs one of them (or a plugin key) to be taken as one.
    private static readonly string[] DaemonOnlyKeys =
    [
        "chrootDir", "socketDir", "cniConfigDir", "multusConfigFile", "multusAutoconfigDir", "multusMasterCNI", "metricsPort",
        "enablePprof", "perNodeCertificate", "connectionLimit", "forceCNIVersion", "overrideNetworkName",
    ];

    // Keys of multinetd's own daemon.json that Multus has not: the file was converted already.
    private static readonly string[] MultiNetDaemonKeys =
    [
        "cniConfig", "maxConcurrentRequests", "maxQueuedRequests", "requestTimeoutSeconds", "shutdownGraceSeconds", "podEvents", "nodeName",
    ];

    /// <summary>The file's JSON object and its shape.</summary>
    public static (JsonObject Root, MultusShape Shape) Load(string path)
    {
        var root = Parse(Read(path), path);
        return (root, ShapeOf(root, path));
    }

    /// <summary>The shape of an already parsed Multus file; <paramref name="source"/> names it in errors.</summary>
    public static MultusShape ShapeOf(JsonObject root, string source)
    {
        if (root.ContainsKey("plugins"))
        {
            if (root["plugins"] is not JsonArray plugins)
            {
                throw Bad(source, "plugins", "expected an array of plugin configs");
            }

            var types = plugins.Select((p, i) => PluginType(p, source, $"plugins[{i}]")).ToList();
            if (types.Contains("multinet"))
            {
                throw Bad(source, $"plugins[{types.IndexOf("multinet")}].type", "is \"multinet\": this is a MultiNet config already");
            }

            return types.Any(IsMultusType)
                ? MultusShape.PluginConfList
                : throw Bad(source, "plugins", $"no plugin of type \"multus\" or \"multus-shim\" (found: {string.Join(", ", types.Select(t => $"\"{t}\""))}); this is not a Multus config");
        }

        if (root.ContainsKey("type"))
        {
            var type = PluginType(root, source, "");
            return type == "multinet" ? throw Bad(source, "type", "is \"multinet\": this is a MultiNet config already")
                : IsMultusType(type) ? MultusShape.PluginConfig
                : throw Bad(source, "type", $"\"{type}\" is not a Multus plugin (expected \"multus\", \"multus-shim\", or no type for thick Multus's daemon-config.json)");
        }

        if (MultiNetDaemonKeys.FirstOrDefault(root.ContainsKey) is { } ours)
        {
            throw Bad(source, ours, "is a key of multinetd's daemon.json: this is a MultiNet config already");
        }

        return DaemonOnlyKeys.Any(root.ContainsKey) || PluginKeyMigration.IsMultusKey(root)
            ? MultusShape.DaemonConfig
            : throw new InputException($"\"{source}\": no \"type\" and none of thick Multus's daemon-config.json keys ({string.Join(", ", DaemonOnlyKeys.Take(4))}, ...): this is not a Multus config");
    }

    private static bool IsMultusType(string type) => type is "multus" or "multus-shim";

    private static string PluginType(JsonNode? plugin, string source, string at)
    {
        var field = at.Length == 0 ? "type" : $"{at}.type";
        return plugin is not JsonObject obj ? throw Bad(source, at, "expected an object")
            : obj["type"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } t ? t
            : throw Bad(source, field, "expected a non-empty string");
    }

    private static byte[] Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"\"{path}\": is a directory; give the Multus config file (00-multus.conf, daemon-config.json)");
        }

        try
        {
            return path == "-" ? ReadStdin() : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"\"{path}\": {e.Message}");
        }
    }

    private static byte[] ReadStdin()
    {
        using var buffer = new MemoryStream();
        Console.OpenStandardInput().CopyTo(buffer);
        return buffer.ToArray();
    }

    private static JsonObject Parse(byte[] bytes, string source)
    {
        try
        {
            return JsonNode.Parse(bytes) as JsonObject
                ?? throw new InputException($"\"{source}\": expected a JSON object (a Multus config file)");
        }
        catch (JsonException e)
        {
            throw new InputException($"\"{source}\": not valid JSON: {e.Message}");
        }
    }

    private static InputException Bad(string source, string field, string problem) =>
        new($"\"{source}\": field \"{field}\": {problem}");
}
