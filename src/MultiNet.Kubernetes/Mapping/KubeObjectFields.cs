using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Mapping;

/// <summary>Reads the common fields of a Kubernetes object held as JSON, with errors that name the field.</summary>
internal static class KubeObjectFields
{
    /// <summary>Namespace used when an object names none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Returns <c>metadata.name</c>; throws when it is missing or empty.</summary>
    public static string Name(JsonObject item, string context) =>
        OptionalString(item["metadata"]?["name"], "metadata.name", context) is { Length: > 0 } name
            ? name
            : throw Invalid(context, "metadata.name", "is required");

    /// <summary>Returns <c>metadata.namespace</c>, or "default".</summary>
    public static string Namespace(JsonObject item, string context) =>
        OptionalString(item["metadata"]?["namespace"], "metadata.namespace", context) is { Length: > 0 } ns ? ns : DefaultNamespace;

    /// <summary>Returns <c>metadata.uid</c>, or null.</summary>
    public static string? Uid(JsonObject item, string context) =>
        OptionalString(item["metadata"]?["uid"], "metadata.uid", context) is { Length: > 0 } uid ? uid : null;

    /// <summary>Returns <c>metadata.annotations</c> (empty when absent); every value must be a string.</summary>
    public static Dictionary<string, string> Annotations(JsonObject item, string context)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (item["metadata"]?["annotations"])
        {
            case null:
                return annotations;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    annotations[key] = OptionalString(value, $"metadata.annotations.{key}", context)
                        ?? throw Invalid(context, $"metadata.annotations.{key}", "must be a string");
                }

                return annotations;
            default:
                throw Invalid(context, "metadata.annotations", "must be a map of strings");
        }
    }

    /// <summary>Returns the string at <paramref name="node"/>, null when absent; throws when it is another type.</summary>
    public static string? OptionalString(JsonNode? node, string field, string context) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw Invalid(context, field, $"must be a string, not {Describe(node)}"),
    };

    /// <summary>An InvalidConfig error about one field.</summary>
    public static CniException Invalid(string context, string field, string problem) =>
        new(CniErrorCode.InvalidConfig, $"{context}: field \"{field}\" {problem}");

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Object => "a map",
        JsonValueKind.Array => "a list",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
