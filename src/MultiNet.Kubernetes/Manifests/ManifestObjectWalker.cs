using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>Finds the Kubernetes objects of a manifest document: the document itself, or the items of a <c>List</c>.</summary>
internal static class ManifestObjectWalker
{
    /// <summary>One object: its JSON, apiVersion and kind (implied by a typed list when the item leaves them off), and its place.</summary>
    public readonly record struct Found(JsonObject Item, string? ApiVersion, string Kind, string? ItemPath);

    /// <summary>
    /// The objects of <paramref name="document"/> in order. Anything without a kind (a scalar, a values file, another
    /// tool's config) is not ours to judge and yields nothing.
    /// </summary>
    public static IEnumerable<Found> Walk(JsonNode? document) => Walk(document, null, null, null);

    private static IEnumerable<Found> Walk(JsonNode? node, string? impliedApiVersion, string? impliedKind, string? path)
    {
        if (node is not JsonObject item)
        {
            yield break;
        }

        var apiVersion = Text(item["apiVersion"]) ?? impliedApiVersion;
        var kind = Text(item["kind"]) ?? impliedKind;
        if (kind is null)
        {
            yield break;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && item["items"] is JsonArray items)
        {
            // A typed list (PodList, NetworkAttachmentDefinitionList) from the API leaves kind and apiVersion off its items.
            var itemKind = kind == "List" ? null : kind[..^"List".Length];
            var itemApiVersion = itemKind is null ? null : apiVersion;
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var found in Walk(items[i], itemApiVersion, itemKind, $"{path}items[{i}]"))
                {
                    yield return found;
                }
            }

            yield break;
        }

        yield return new Found(item, apiVersion, kind, path);
    }

    /// <summary>The string at <paramref name="node"/>, or null when absent or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
