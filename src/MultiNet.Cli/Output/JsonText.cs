using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cli.Output;

/// <summary>JSON for terminals and pipelines: '&lt;', '&gt;', '+' and non-ASCII stay as they are, not \u escapes.</summary>
internal static class JsonText
{
    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>One line.</summary>
    public static string Compact(JsonNode? node) => node?.ToJsonString(CompactOptions) ?? "null";

    /// <summary>Indented, for <c>-o json</c>.</summary>
    public static string Indented(JsonNode? node) => node?.ToJsonString(IndentedOptions) ?? "null";
}
