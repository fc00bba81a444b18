using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>Typed reads of a config's JSON nodes that record a finding when the type is wrong.</summary>
internal static class ConfigNodes
{
    /// <summary>The string at <paramref name="key"/>; null when absent, or (with an error) when not a string.</summary>
    public static string? String(JsonObject parent, string key, string path, string reason, FindingList findings)
    {
        JsonNode? node = parent[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        findings.Error($"{path}.{key}", reason, $"expected a string, got {Kind(node)}");
        return null;
    }

    /// <summary>The array at <paramref name="key"/>; null when absent, or (with an error) when not an array.</summary>
    public static JsonArray? Array(JsonObject parent, string key, string path, string reason, FindingList findings)
    {
        JsonNode? node = parent[key];
        if (node is null or JsonArray)
        {
            return node as JsonArray;
        }

        findings.Error($"{path}.{key}", reason, $"expected an array, got {Kind(node)}");
        return null;
    }

    /// <summary>
    /// The objects of the array at <paramref name="key"/> with their paths; an entry that is not an object, or lacks
    /// <paramref name="required"/>, is an <see cref="RuleReasons.InvalidIpam"/> error (the latter still yielded).
    /// </summary>
    public static IEnumerable<(string Path, JsonObject Entry)> Entries(
        JsonObject parent, string key, string path, string example, string required, string requiredHint, FindingList findings)
    {
        JsonArray? array = Array(parent, key, path, RuleReasons.InvalidIpam, findings);
        for (int i = 0; array is not null && i < array.Count; i++)
        {
            string at = $"{path}.{key}[{i}]";
            if (array[i] is not JsonObject entry)
            {
                findings.Error(at, RuleReasons.InvalidIpam, $"expected an object {example}, got {Kind(array[i])}");
                continue;
            }

            if (entry[required] is null)
            {
                findings.Error($"{at}.{required}", RuleReasons.InvalidIpam, $"is required ({requiredHint})");
            }

            yield return (at, entry);
        }
    }

    /// <summary>"an object", "a string", "null", ... for messages.</summary>
    public static string Kind(JsonNode? node) => node is null ? "null" : JsonKindText.Of(node.GetValueKind());
}
