using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>Reads one manifest file into its documents: JSON for <c>*.json</c>, (multi-document) YAML otherwise.</summary>
internal static class ManifestFileReader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Returns the documents of <paramref name="path"/> in order; an empty YAML document is null.</summary>
    public static IReadOnlyList<JsonNode?> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CniException(CniErrorCode.IoFailure, $"manifest \"{path}\": cannot read: {e.Message}", null, e);
        }

        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return [ParseJson(text, path)];
        }

        using var reader = new StringReader(text);
        return YamlDocumentReader.ReadAll(reader, path);
    }

    private static JsonNode? ParseJson(string text, string path)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: JsonOptions);
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: " : "";
            throw new CniException(CniErrorCode.InvalidConfig, $"manifest \"{path}\": document 1: {position}{BareMessage(e.Message)}", null, e);
        }
    }

    // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 5." — the position is already said, once and 1-based.
    private static string BareMessage(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var bare = (cut < 0 ? message : message[..cut]).TrimEnd();
        return bare.Length > 0 && char.IsUpper(bare[0]) ? char.ToLowerInvariant(bare[0]) + bare[1..] : bare;
    }
}
