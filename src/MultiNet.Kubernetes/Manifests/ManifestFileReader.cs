using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>
/// Reads one manifest file into its documents: a JSON stream (one or more values) for <c>*.json</c>,
/// (multi-document) YAML otherwise.
/// </summary>
internal static class ManifestFileReader
{
    private static readonly JsonReaderOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowMultipleValues = true,
    };

    /// <summary>Returns the documents of <paramref name="path"/> in order; an empty YAML document is null. Throws on the first error.</summary>
    public static IReadOnlyList<JsonNode?> Read(string path)
    {
        var read = ReadUntilError(path);
        return read.Error is null ? read.Documents : throw read.Error;
    }

    /// <summary>
    /// Returns the documents up to the first syntax error and that error. A file that cannot be read at all throws
    /// <see cref="CniException"/> (<see cref="CniErrorCode.IoFailure"/>).
    /// </summary>
    public static ManifestDocuments ReadUntilError(string path)
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

        return ParseUntilError(text, path);
    }

    /// <summary>
    /// Parses manifest text named <paramref name="source"/> in errors: a JSON stream when the name ends in <c>.json</c>,
    /// else YAML (which also reads JSON objects).
    /// </summary>
    public static ManifestDocuments ParseUntilError(string text, string source)
    {
        if (source.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ParseJson(text, source);
        }

        using var reader = new StringReader(text);
        return YamlDocumentReader.ReadUntilError(reader, source);
    }

    private static ManifestDocuments ParseJson(string text, string path)
    {
        var documents = new List<JsonNode?>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), JsonOptions);
        try
        {
            while (reader.Read())
            {
                documents.Add(JsonNode.Parse(ref reader));
            }
        }
        catch (JsonException e)
        {
            var position = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}: " : "";
            var problem = $"{position}{BareMessage(e.Message)}";
            var document = documents.Count + 1;
            return new ManifestDocuments(documents)
            {
                Error = new CniException(CniErrorCode.InvalidConfig, $"manifest \"{path}\": document {document}: {problem}", null, e),
                ErrorDocument = document,
                Problem = problem,
            };
        }

        // An empty .json file holds no object, like an empty YAML document.
        return new ManifestDocuments(documents.Count == 0 ? [null] : documents);
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
