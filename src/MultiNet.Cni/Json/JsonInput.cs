using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Json;

/// <summary>Parses JSON text into nodes, turning every syntax problem into a code 6 error naming the position.</summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses UTF-8 JSON; <paramref name="what"/> names the document in errors ("network config").</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, string what)
    {
        try
        {
            var node = JsonNode.Parse(utf8, documentOptions: Options);
            Materialize(node);
            return node;
        }
        catch (JsonException e)
        {
            throw Decode(e, what);
        }
        catch (ArgumentException e)
        {
            // JsonObject reports a duplicate key as an ArgumentException when it is first filled.
            throw new CniException(CniErrorCode.DecodeFailure, $"{what}: invalid JSON: duplicate key", e.Message, e);
        }
    }

    /// <summary>Parses JSON text; see <see cref="Parse(ReadOnlySpan{byte}, string)"/>.</summary>
    public static JsonNode? Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(System.Text.Encoding.UTF8.GetBytes(text), what);
    }

    /// <summary>Parses a document that must be a JSON object.</summary>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8, string what) =>
        Parse(utf8, what) as JsonObject
        ?? throw new CniException(CniErrorCode.DecodeFailure, $"{what}: must be a JSON object");

    private static CniException Decode(JsonException e, string what)
    {
        var where = e.LineNumber is { } line
            ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}"
            : string.Empty;
        return new CniException(CniErrorCode.DecodeFailure, $"{what}: invalid JSON{where}", e.Message, e);
    }

    // JsonObject fills its dictionary lazily; touching every object here makes a duplicate key fail now,
    // inside the parse, instead of in whichever reader happens to look first.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
