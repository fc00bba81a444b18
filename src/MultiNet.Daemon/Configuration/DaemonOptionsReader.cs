using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Logging;

namespace MultiNet.Daemon.Configuration;

/// <summary>Reads and validates the daemon's JSON configuration; every problem is a <see cref="DaemonConfigException"/> naming the key.</summary>
internal static class DaemonOptionsReader
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="getEnv"/> supplies <c>NODE_NAME</c> when the file has no nodeName.</summary>
    public static DaemonOptions Read(string path, Func<string, string?> getEnv)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DaemonConfigException($"config \"{path}\": cannot read it: {e.Message}");
        }

        return Parse(text, path, getEnv);
    }

    /// <summary>Parses the configuration text; <paramref name="source"/> names it in messages.</summary>
    public static DaemonOptions Parse(string text, string source, Func<string, string?> getEnv)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(text) as JsonObject ?? throw new DaemonConfigException($"config \"{source}\": expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new DaemonConfigException($"config \"{source}\": not valid JSON: {e.Message}");
        }

        string? Text(string key) => obj[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : throw Bad(source, key, "must not be empty"),
            var other => throw Bad(source, key, $"{other.ToJsonString()} is not a string"),
        };
        int Number(string key, int fallback, int min, int max) => obj[key] switch
        {
            null => fallback,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= min && n <= max => n,
            var other => throw Bad(source, key, $"{other.ToJsonString()} is not a whole number from {min} to {max}"),
        };

        var metricsAddress = Text("metricsAddress") is { } address
            ? (IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port > 0 ? endpoint
                : throw Bad(source, "metricsAddress", $"\"{address}\" is not an IP address and port, e.g. \"0.0.0.0:9595\" or \"[::1]:9595\""))
            : null;
        var nodeName = Text("nodeName") ?? (getEnv("NODE_NAME") is { Length: > 0 } env ? env : null)
            ?? throw Bad(source, "nodeName", "missing, and the NODE_NAME environment variable is not set");
        return new DaemonOptions
        {
            Raw = obj,
            NodeName = nodeName,
            SocketDir = Text("socketDir") is { } dir
                ? (Path.IsPathRooted(dir) ? dir : throw Bad(source, "socketDir", $"\"{dir}\" is not an absolute path"))
                : DaemonOptions.DefaultSocketDir,
            Kubeconfig = Text("kubeconfig"),
            MetricsAddress = metricsAddress,
            ChrootDir = Text("chrootDir") is { } root ? HostRoot.Check(source, root, obj) : null,
            MaxConcurrentRequests = Number("maxConcurrentRequests", 16, 1, 1024),
            MaxQueuedRequests = Number("maxQueuedRequests", 256, 0, 100_000),
            RequestTimeout = TimeSpan.FromSeconds(Number("requestTimeoutSeconds", 120, 1, 3600)),
            ShutdownGrace = TimeSpan.FromSeconds(Number("shutdownGraceSeconds", 20, 0, 3600)),
            Metrics = obj["metrics"] switch
            {
                null => true,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                var other => throw Bad(source, "metrics", $"{other.ToJsonString()} is not true or false"),
            },
            PodEvents = Text("podEvents") switch
            {
                null or "warnings" => PodEventPolicy.Warnings,
                "all" => PodEventPolicy.All,
                "none" => PodEventPolicy.None,
                var other => throw Bad(source, "podEvents", $"\"{other}\" is not one of warnings, all, none"),
            },
            LogLevel = Text("logLevel") switch
            {
                null or "info" => LogLevel.Information,
                "error" => LogLevel.Error,
                "warning" => LogLevel.Warning,
                "debug" => LogLevel.Debug,
                var other => throw Bad(source, "logLevel", $"\"{other}\" is not one of error, warning, info, debug"),
            },
            LogFile = Text("logFile") is { Length: > 0 } logFile ? logFile : null,
            LogFormat = MultiNetConfigParser.LogFormatOf(Text("logFormat")) ?? throw Bad(source, "logFormat", $"\"{Text("logFormat")}\" is not text or json"),
            LogOptions = LogOptions(obj, source),
        };
    }

    private static LogRotation LogOptions(JsonObject obj, string source)
    {
        try
        {
            return LogRotationReader.Read(obj["logOptions"]);
        }
        catch (FormatException e)
        {
            throw new DaemonConfigException($"config \"{source}\": field {e.Message}");
        }
    }

    internal static DaemonConfigException Bad(string source, string key, string problem) =>
        new($"config \"{source}\": field \"{key}\": {problem}");
}
