using System.Text;
using System.Text.Json;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>The JSON form of the selection annotation: an array of selection element objects (NPWG spec §4.1.2).</summary>
internal static class JsonSelectionParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        // A key given twice (e.g. two "mac"s) is ambiguous: refuse it rather than let the last one win silently.
        AllowDuplicateProperties = false,
        MaxDepth = 64,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the array; throws <see cref="Cni.Protocol.CniException"/> on syntax, type or value errors.</summary>
    public static IReadOnlyList<NetworkSelectionElement> Parse(string annotation, string defaultNamespace, string annotationKey)
    {
        byte[] utf8;
        try
        {
            // Our own strict transcoding: System.Text.Json would throw a bare ArgumentException on a lone surrogate.
            utf8 = StrictUtf8.GetBytes(annotation);
        }
        catch (EncoderFallbackException e)
        {
            throw SelectionScope.AnnotationError(
                annotationKey, $"contains an unpaired UTF-16 surrogate at character {e.Index + 1}", details: null, e);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            throw SyntaxError(annotationKey, e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw SelectionScope.AnnotationError(
                    annotationKey,
                    $"the JSON form must be an array of objects (e.g. [{{\"name\": \"net-a\"}}]), got {JsonKindText.Of(root.ValueKind)}");
            }

            var elements = new List<NetworkSelectionElement>(root.GetArrayLength());
            foreach (JsonElement item in root.EnumerateArray())
            {
                elements.Add(JsonSelectionElementReader.Read(item, annotationKey, elements.Count, defaultNamespace));
            }

            return elements;
        }
    }

    private static Cni.Protocol.CniException SyntaxError(string annotationKey, JsonException e)
    {
        string reason = e.Message;
        int cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            reason = reason[..cut];
        }

        string where = e.LineNumber is { } line && e.BytePositionInLine is { } column
            ? $" at line {line + 1}, column {column + 1}"
            : string.Empty;
        return SelectionScope.AnnotationError(annotationKey, $"invalid JSON{where}: {reason}", details: null, e);
    }
}
