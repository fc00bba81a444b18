using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Attachments.Logging;

/// <summary>Reads <c>logOptions</c>; a bad value throws <see cref="FormatException"/> naming the key (<c>logOptions.maxSize</c>).</summary>
public static class LogRotationReader
{
    /// <summary>Reads <paramref name="node"/> (absent or null: the defaults).</summary>
    public static LogRotation Read(JsonNode? node)
    {
        if (node is null)
        {
            return new LogRotation();
        }

        if (node is not JsonObject obj)
        {
            throw new FormatException("logOptions: must be an object");
        }

        foreach (var (key, _) in obj)
        {
            if (key is not ("maxSize" or "maxAge" or "maxBackups" or "compress"))
            {
                throw new FormatException($"logOptions.{key}: unknown key (expected maxSize, maxAge, maxBackups, compress)");
            }
        }

        var defaults = new LogRotation();
        return new LogRotation
        {
            // lumberjack reads a maxSize of 0 as its default.
            MaxSizeMegabytes = Count(obj, "maxSize", defaults.MaxSizeMegabytes, 0) is > 0 and var size ? size : defaults.MaxSizeMegabytes,
            MaxAgeDays = Count(obj, "maxAge", defaults.MaxAgeDays, 0),
            MaxBackups = Count(obj, "maxBackups", defaults.MaxBackups, 0),
            Compress = obj["compress"] switch
            {
                null => defaults.Compress,
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                var other => throw new FormatException($"logOptions.compress: {other.ToJsonString()} is not true or false"),
            },
        };
    }

    private static int Count(JsonObject obj, string key, int fallback, int minimum)
    {
        var node = obj[key];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= minimum)
        {
            return n;
        }

        throw new FormatException($"logOptions.{key}: {node.ToJsonString()} is not a whole number of at least {minimum}");
    }
}
