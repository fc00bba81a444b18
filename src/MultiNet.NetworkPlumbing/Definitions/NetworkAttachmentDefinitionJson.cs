using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Definitions;

/// <summary>Reads a Kubernetes NetworkAttachmentDefinition object (as JSON) into <see cref="NetworkAttachmentDefinition"/>.</summary>
public static class NetworkAttachmentDefinitionJson
{
    /// <summary>The NAD kind.</summary>
    public const string Kind = "NetworkAttachmentDefinition";

    /// <summary>Reads <paramref name="obj"/>; a missing <c>metadata.namespace</c> means <c>default</c>.</summary>
    public static NetworkAttachmentDefinition FromJson(JsonNode obj) => FromJson(obj, "default");

    /// <summary>
    /// Reads <c>metadata.namespace</c>, <c>metadata.name</c>, the <c>k8s.v1.cni.cncf.io/resourceName</c> annotation and
    /// <c>spec.config</c>. A missing name or a field of the wrong type is <see cref="CniErrorCode.InvalidConfig"/>
    /// naming the field.
    /// </summary>
    public static NetworkAttachmentDefinition FromJson(JsonNode obj, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(defaultNamespace);
        try
        {
            return Read(obj, defaultNamespace);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // A JsonObject parsed with duplicate keys throws this when first read.
            throw new CniException(CniErrorCode.InvalidConfig, $"network attachment definition: {e.Message}", null, e);
        }
    }

    private static NetworkAttachmentDefinition Read(JsonNode obj, string defaultNamespace)
    {
        const string what = "network attachment definition";
        if (obj is not JsonObject root)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"{what}: expected a JSON object, got {JsonKindText.Of(obj.GetValueKind())}");
        }

        string? kind = String(root, "kind", "kind", what);
        if (kind is not null && kind != Kind)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"{what}: field \"kind\": \"{kind}\" is not {Kind}");
        }

        JsonObject? metadata = Object(root, "metadata", "metadata", what);
        string name = (metadata is null ? null : String(metadata, "name", "metadata.name", what)) is { Length: > 0 } n
            ? n
            : throw new CniException(CniErrorCode.InvalidConfig, $"{what}: field \"metadata.name\" is required");
        string ns = (metadata is null ? null : String(metadata, "namespace", "metadata.namespace", what)) is { Length: > 0 } s
            ? s
            : defaultNamespace;

        string named = $"{what} \"{ns}/{name}\"";
        JsonObject? annotations = Object(metadata!, "annotations", "metadata.annotations", named);
        string? resourceName = annotations is null
            ? null
            : String(annotations, NetworkAttachmentDefinition.ResourceNameAnnotation, $"metadata.annotations[\"{NetworkAttachmentDefinition.ResourceNameAnnotation}\"]", named);
        JsonObject? spec = Object(root, "spec", "spec", named);
        string? config = spec is null ? null : String(spec, "config", "spec.config", named);

        return new NetworkAttachmentDefinition
        {
            Namespace = ns,
            Name = name,
            Config = config,
            ResourceName = string.IsNullOrEmpty(resourceName) ? null : resourceName,
        };
    }

    private static string? String(JsonObject parent, string key, string field, string what) =>
        parent[key] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonNode other => throw TypeError(what, field, "a string", other),
        };

    private static JsonObject? Object(JsonObject parent, string key, string field, string what) =>
        parent[key] switch
        {
            null => null,
            JsonObject o => o,
            JsonNode other => throw TypeError(what, field, "an object", other),
        };

    private static CniException TypeError(string what, string field, string expected, JsonNode actual) =>
        new(CniErrorCode.InvalidConfig, $"{what}: field \"{field}\": expected {expected}, got {JsonKindText.Of(actual.GetValueKind())}");
}
