using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Daemon.CniConfig;

/// <summary>
/// Reads the <c>cniConfig</c> object of multinetd's configuration file into <see cref="CniConfigOptions"/> (thick mode,
/// the daemon's socket folder). Keys: <c>generate</c>, <c>confDir</c>, <c>primaryConfig</c>, <c>readinessIndicatorFile</c>,
/// <c>removeOnExit</c> (always, never, uninstall), <c>rescanSeconds</c>, <c>networkName</c>, <c>pluginKeys</c>.
/// </summary>
internal static class CniConfigOptionsReader
{
    /// <summary>
    /// The options, or null when the file has no <c>cniConfig</c> object or it says <c>"generate": false</c>: a daemon
    /// started by hand or by a test never writes into the host's /etc/cni/net.d unless asked. Throws
    /// <see cref="ArgumentException"/> naming the key, e.g. <c>field "cniConfig.confDir": ...</c>.
    /// </summary>
    public static CniConfigOptions? FromDaemonConfig(JsonObject daemonConfig, string socketDir)
    {
        var section = daemonConfig["cniConfig"] switch
        {
            null => null,
            JsonObject o => o,
            var other => throw Bad("cniConfig", $"{other.ToJsonString()} is not an object"),
        };

        if (section is null || !(Flag(section, "generate") ?? true))
        {
            return null;
        }

        var defaults = new CniConfigOptions();
        var options = new CniConfigOptions
        {
            Mode = CniConfigMode.Thick,
            SocketDir = socketDir,
            ConfDir = Text(section, "confDir") ?? defaults.ConfDir,
            PrimaryConfigName = Text(section, "primaryConfig"),
            ReadinessIndicatorFile = Text(section, "readinessIndicatorFile"),
            Removal = Removal(section) ?? defaults.Removal,
            RescanInterval = Seconds(section, "rescanSeconds") ?? defaults.RescanInterval,
            NetworkName = Text(section, "networkName") ?? defaults.NetworkName,
            ExtraKeys = section["pluginKeys"] switch
            {
                null => null,
                JsonObject o => (JsonObject)o.DeepClone(),
                var other => throw Bad("cniConfig.pluginKeys", $"{other.ToJsonString()} is not an object"),
            },
        };

        if (options.ExtraKeys?.Select(kv => kv.Key).FirstOrDefault(CniConfigOptions.ReservedKeys.Contains) is { } reserved)
        {
            throw Bad($"cniConfig.pluginKeys.{reserved}", "is written by multinetd and cannot be set here");
        }

        try
        {
            return options.Validated();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message.Replace("field \"", "field \"cniConfig.", StringComparison.Ordinal), e);
        }
    }

    private static string? Text(JsonObject section, string key) => section[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s => s,
        var other => throw Bad($"cniConfig.{key}", $"{other.ToJsonString()} is not a non-empty string"),
    };

    private static bool? Flag(JsonObject section, string key) => section[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        var other => throw Bad($"cniConfig.{key}", $"{other.ToJsonString()} is not true or false"),
    };

    private static ConfigRemoval? Removal(JsonObject section) => section["removeOnExit"] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => ConfigRemoval.Always,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => ConfigRemoval.Never,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && ConfigRemovalNames.TryParse(v.GetValue<string>()) is { } removal => removal,
        var other => throw Bad("cniConfig.removeOnExit", $"{other.ToJsonString()} is not one of \"always\", \"never\", \"uninstall\" (or true, false)"),
    };

    private static TimeSpan? Seconds(JsonObject section, string key) => section[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var s) && s > 0 && s <= 3600 => TimeSpan.FromSeconds(s),
        var other => throw Bad($"cniConfig.{key}", $"{other.ToJsonString()} is not a number of seconds from 0 to 3600"),
    };

    private static ArgumentException Bad(string field, string problem) => new($"cni config: field \"{field}\": {problem}");
}
