using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Json;

/// <summary>
/// Typed reads of optional fields from a <see cref="JsonObject"/>; a field of the wrong type is an error with
/// the given code naming the field by its path (e.g. <c>ips[0].address</c>).
/// </summary>
internal readonly struct JsonFieldReader(string what, CniErrorCode code)
{
    public string? String(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw Wrong(path, "a string", node);
    }

    public int? Int(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i)
            ? i
            : throw Wrong(path, "an integer", node);
    }

    public uint? UInt(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<uint>(out var i)
            ? i
            : throw Wrong(path, "a non-negative integer", node);
    }

    public JsonObject? Object(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        return node is null or JsonObject ? (JsonObject?)node : throw Wrong(path, "an object", node);
    }

    public JsonArray? Array(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        return node is null or JsonArray ? (JsonArray?)node : throw Wrong(path, "an array", node);
    }

    /// <summary>The elements of an array field, each required to be an object.</summary>
    public IEnumerable<(JsonObject Item, string Path)> Objects(JsonObject obj, string name, string path)
    {
        var array = Array(obj, name, path);
        if (array is null)
        {
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            yield return (array[i] as JsonObject ?? throw Wrong(itemPath, "an object", array[i]), itemPath);
        }
    }

    public IReadOnlyList<string> Strings(JsonObject obj, string name, string path)
    {
        var array = Array(obj, name, path);
        if (array is null)
        {
            return [];
        }

        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            list.Add(array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw Wrong($"{path}[{i}]", "a string", array[i]));
        }

        return list;
    }

    public CniException Error(string path, string problem) => new(code, $"{what}: field \"{path}\" {problem}");

    private CniException Wrong(string path, string expected, JsonNode? actual) =>
        Error(path, $"must be {expected}, got {Describe(actual)}");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => node.ToJsonString(),
    };
}
