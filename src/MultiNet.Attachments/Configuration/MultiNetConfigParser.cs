using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Logging;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Configuration;

/// <summary>Reads the plugin's own network configuration (stdin), with a CNI error naming the field on bad input.</summary>
public static class MultiNetConfigParser
{
    /// <summary>Parses UTF-8 JSON from stdin.</summary>
    public static MultiNetConfig Parse(ReadOnlySpan<byte> utf8)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"network config: invalid JSON: {e.Message}");
        }

        return node is JsonObject obj
            ? Parse(obj)
            : throw new CniException(CniErrorCode.DecodeFailure, "network config: expected a JSON object");
    }

    /// <summary>Parses an already decoded configuration.</summary>
    public static MultiNetConfig Parse(JsonObject obj)
    {
        var version = OptionalString(obj, "cniVersion") ?? "0.1.0";
        if (!CniVersions.IsSupported(version))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, $"network config: field \"cniVersion\": unsupported version \"{version}\"",
                $"supported versions: {string.Join(", ", CniVersions.Supported)}");
        }

        var delegates = ObjectArray(obj, "delegates");
        var clusterNetwork = OptionalString(obj, "clusterNetwork");
        if (string.IsNullOrWhiteSpace(clusterNetwork) && delegates.Count == 0)
        {
            throw new CniException(CniErrorCode.InvalidConfig,
                "network config: one of \"clusterNetwork\" or \"delegates\" is required");
        }

        var config = new MultiNetConfig
        {
            Raw = obj,
            CniVersion = version,
            Name = OptionalString(obj, "name") ?? "multinet",
            ClusterNetwork = string.IsNullOrWhiteSpace(clusterNetwork) ? null : clusterNetwork,
            Delegates = string.IsNullOrWhiteSpace(clusterNetwork) ? delegates : [],
            DefaultNetworks = StringList(obj, "defaultNetworks") ?? [],
            Kubeconfig = NonEmpty(OptionalString(obj, "kubeconfig")),
            ConfDir = NonEmpty(OptionalString(obj, "confDir")) ?? MultiNetConfig.DefaultConfDir,
            CniDir = NonEmpty(OptionalString(obj, "cniDir")) ?? MultiNetConfig.DefaultCniDir,
            MultusCniDir = NonEmpty(OptionalString(obj, "multusCniDir")),
            BinDir = NonEmpty(OptionalString(obj, "binDir")) ?? MultiNetConfig.DefaultBinDir,
            NamespaceIsolation = OptionalBool(obj, "namespaceIsolation") ?? false,
            GlobalNamespaces = GlobalNamespaces(obj),
            SystemNamespaces = StringList(obj, "systemNamespaces") ?? ["kube-system"],
            MultusNamespace = NonEmpty(OptionalString(obj, "multusNamespace")) ?? "kube-system",
            ReadinessIndicatorFile = NonEmpty(OptionalString(obj, "readinessindicatorfile")),
            ReadinessTimeout = Seconds(obj, "readinessTimeoutSeconds") ?? TimeSpan.FromSeconds(45),
            LogFile = NonEmpty(OptionalString(obj, "logFile")),
            LogLevel = LogLevel(obj),
            LogToStderr = OptionalBool(obj, "logToStderr") ?? true,
            LogFormat = LogFormatOf(OptionalString(obj, "logFormat")) ?? throw Invalid("logFormat", "expected \"text\" or \"json\""),
            LogOptions = LogOptionsOf(obj),
            DaemonSocketDir = NonEmpty(OptionalString(obj, "daemonSocketDir")),
            RuntimeConfig = OptionalObject(obj, "runtimeConfig"),
            ResultMode = ResultModeOf(obj),
            DelegateTimeout = Seconds(obj, "delegateTimeoutSeconds") ?? TimeSpan.FromSeconds(60),
            DeviceInfoDir = NonEmpty(OptionalString(obj, "deviceInfoDir")) ?? "/var/run/k8s.cni.cncf.io/devinfo",
            PodResourcesSocket = NonEmpty(OptionalString(obj, "podResourcesSocket")) ?? "/var/lib/kubelet/pod-resources/kubelet.sock",
            KubeletCheckpointFile = NonEmpty(OptionalString(obj, "kubeletCheckpointFile"))
                ?? "/var/lib/kubelet/device-plugins/kubelet_internal_checkpoint",
        };
        return config;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static JsonNode? Field(JsonObject obj, string key) => obj.TryGetPropertyValue(key, out var v) ? v : null;

    private static CniException Invalid(string key, string problem) =>
        new(CniErrorCode.InvalidConfig, $"network config: field \"{key}\": {problem}");

    private static string? OptionalString(JsonObject obj, string key) => Field(obj, key) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Invalid(key, "expected a string"),
    };

    private static bool? OptionalBool(JsonObject obj, string key) => Field(obj, key) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => throw Invalid(key, "expected true or false"),
    };

    private static JsonObject? OptionalObject(JsonObject obj, string key) => Field(obj, key) switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Invalid(key, "expected an object"),
    };

    private static TimeSpan? Seconds(JsonObject obj, string key) => Field(obj, key) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) && d > 0 && d <= 3600 => TimeSpan.FromSeconds(d),
        _ => throw Invalid(key, "expected a number of seconds above 0 and at most 3600"),
    };

    private static List<JsonObject> ObjectArray(JsonObject obj, string key)
    {
        switch (Field(obj, key))
        {
            case null:
                return [];
            case JsonArray a:
                var list = new List<JsonObject>(a.Count);
                for (var i = 0; i < a.Count; i++)
                {
                    list.Add(a[i] as JsonObject ?? throw Invalid($"{key}[{i}]", "expected an object"));
                }

                return list;
            default:
                throw Invalid(key, "expected an array of objects");
        }
    }

    private static List<string>? StringList(JsonObject obj, string key)
    {
        switch (Field(obj, key))
        {
            case null:
                return null;
            case JsonArray a:
                var list = new List<string>(a.Count);
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
                    {
                        throw Invalid($"{key}[{i}]", "expected a non-empty string");
                    }

                    list.Add(s.Trim());
                }

                return list;
            case JsonValue v when v.TryGetValue<string>(out var csv):
                return SplitCsv(csv);
            default:
                throw Invalid(key, "expected an array of strings");
        }
    }

    private static List<string> SplitCsv(string csv) =>
        [.. csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    // Multus: a comma-separated string; unset means "default", set means exactly the listed namespaces.
    private static List<string> GlobalNamespaces(JsonObject obj) => StringList(obj, "globalNamespaces") ?? ["default"];

    private static string LogLevel(JsonObject obj)
    {
        var level = OptionalString(obj, "logLevel")?.Trim().ToLowerInvariant();
        return level switch
        {
            null or "" => "panic",
            "panic" or "error" or "verbose" or "debug" => level,
            _ => throw Invalid("logLevel", $"\"{level}\" is not one of panic, error, verbose, debug"),
        };
    }

    /// <summary><c>logFormat</c>: absent or <c>text</c>, or <c>json</c>; null for anything else (callers name the key their way).</summary>
    public static LogFormat? LogFormatOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "text" => Logging.LogFormat.Text,
        "json" => Logging.LogFormat.Json,
        _ => null,
    };

    private static LogRotation LogOptionsOf(JsonObject obj)
    {
        try
        {
            return LogRotationReader.Read(Field(obj, "logOptions"));
        }
        catch (FormatException e)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"network config: field {e.Message}");
        }
    }

    private static ResultMode ResultModeOf(JsonObject obj) => OptionalString(obj, "resultMode")?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cluster" or "clusternetwork" => ResultMode.ClusterNetwork,
        "merged" => ResultMode.Merged,
        var other => throw Invalid("resultMode", $"\"{other}\" is not one of cluster, merged"),
    };
}
