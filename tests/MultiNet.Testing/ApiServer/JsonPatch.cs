using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>RFC 6902 JSON patch: add, replace, remove, test, copy and move.</summary>
internal static class JsonPatch
{
    /// <summary>Applies the operations to a copy of <paramref name="target"/>; throws <see cref="InvalidOperationException"/> on a bad operation.</summary>
    public static JsonObject Apply(JsonObject target, JsonArray operations)
    {
        var document = (JsonObject)target.DeepClone();
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw new InvalidOperationException("json patch operation is not an object");
            }

            var op = (string?)operation["op"] ?? throw new InvalidOperationException("json patch operation has no \"op\"");
            var path = (string?)operation["path"] ?? throw new InvalidOperationException($"json patch \"{op}\" has no \"path\"");
            switch (op)
            {
                case "add":
                    Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "replace":
                    Remove(document, path);
                    Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(document, path);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Find(document, path), operation["value"]))
                    {
                        throw new InvalidOperationException($"json patch test failed at \"{path}\"");
                    }

                    break;
                case "copy":
                    Add(document, path, Find(document, From(operation))?.DeepClone());
                    break;
                case "move":
                    var from = From(operation);
                    var value = Find(document, from)?.DeepClone();
                    Remove(document, from);
                    Add(document, path, value);
                    break;
                default:
                    throw new InvalidOperationException($"json patch op \"{op}\" is not supported");
            }
        }

        return document;
    }

    private static string From(JsonObject operation) =>
        (string?)operation["from"] ?? throw new InvalidOperationException("json patch operation has no \"from\"");

    private static void Add(JsonObject document, string path, JsonNode? value)
    {
        var (parent, token) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(token);
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(token, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException($"json patch path \"{path}\" does not exist");
        }
    }

    private static void Remove(JsonObject document, string path)
    {
        var (parent, token) = Parent(document, path);
        var removed = parent switch
        {
            JsonObject obj => obj.Remove(token),
            JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count =>
                RemoveAt(array, index),
            _ => false,
        };
        if (!removed)
        {
            throw new InvalidOperationException($"json patch path \"{path}\" does not exist");
        }
    }

    private static bool RemoveAt(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }

    private static JsonNode? Find(JsonObject document, string path)
    {
        var (parent, token) = Parent(document, path);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
            _ => throw new InvalidOperationException($"json patch path \"{path}\" does not exist"),
        };
    }

    private static (JsonNode Parent, string Token) Parent(JsonObject document, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"json patch path \"{path}\" must start with /");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = document;
        foreach (var token in tokens[..^1])
        {
            current = current switch
            {
                JsonObject obj when obj[token] is { } child => child,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count && array[index] is { } item => item,
                _ => throw new InvalidOperationException($"json patch path \"{path}\" does not exist"),
            };
        }

        return (current, tokens[^1]);
    }
}
