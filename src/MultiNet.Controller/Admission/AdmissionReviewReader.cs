using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Controller.Admission;

/// <summary>Reads an AdmissionReview body; anything else is a <see cref="MalformedReviewException"/> saying what is wrong.</summary>
internal static class AdmissionReviewReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Parses <paramref name="body"/> (UTF-8 JSON).</summary>
    public static AdmissionRequest Read(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new MalformedReviewException("the request body is empty; expected an admission.k8s.io/v1 AdmissionReview");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body.Span, documentOptions: Options);
        }
        catch (JsonException e)
        {
            throw new MalformedReviewException($"the request body is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject review)
        {
            throw new MalformedReviewException("the request body is not a JSON object; expected an AdmissionReview");
        }

        string kind = Text(review, "kind") ?? "";
        string apiVersion = Text(review, "apiVersion") ?? "";
        if (kind != "AdmissionReview" || !apiVersion.StartsWith("admission.k8s.io/", StringComparison.Ordinal))
        {
            throw new MalformedReviewException(
                $"expected kind AdmissionReview of admission.k8s.io/v1, got kind \"{kind}\" of \"{apiVersion}\"");
        }

        if (review["request"] is not JsonObject request)
        {
            throw new MalformedReviewException("the AdmissionReview has no \"request\" object");
        }

        return new AdmissionRequest
        {
            ApiVersion = apiVersion,
            Uid = Text(request, "uid") is { Length: > 0 } uid ? uid : throw new MalformedReviewException("request.uid is missing"),
            Kind = Text(request["kind"] as JsonObject, "kind") is { Length: > 0 } k ? k : throw new MalformedReviewException("request.kind.kind is missing"),
            Operation = Text(request, "operation") is { Length: > 0 } op ? op : throw new MalformedReviewException("request.operation is missing"),
            Namespace = Text(request, "namespace") ?? "",
            Name = Text(request, "name") ?? "",
            Object = ObjectOrNull(request, "object"),
            OldObject = ObjectOrNull(request, "oldObject"),
        };
    }

    private static string? Text(JsonObject? obj, string key)
    {
        try
        {
            return obj?[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        }
        catch (ArgumentException e)
        {
            // Duplicate keys surface when the object is first read.
            throw new MalformedReviewException($"the AdmissionReview is not valid: {e.Message}", e);
        }
    }

    private static JsonObject? ObjectOrNull(JsonObject request, string key) => request[key] switch
    {
        null => null,
        JsonObject o => o,
        JsonNode other => throw new MalformedReviewException($"request.{key} must be an object, got {other.GetValueKind()}"),
    };
}
