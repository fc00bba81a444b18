using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using MultiNet.Kubernetes.Mapping;

namespace MultiNet.Kubernetes.Watch;

/// <summary>
/// NetworkAttachmentDefinitions of every namespace as JSON objects (a custom resource has no typed model), listed in
/// pages and watched with bookmarks, through KubernetesClient's custom-object API.
/// </summary>
public sealed class NadListWatchSource(IKubernetes client, int pageSize = 500, int watchTimeoutSeconds = 300) : IListWatchSource<JsonObject>
{
    /// <inheritdoc />
    public string Resource => NetworkAttachmentDefinitionMapper.Plural;

    /// <inheritdoc />
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? next = null;
        string version;
        do
        {
            JsonElement page = await client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                NetworkAttachmentDefinitionMapper.Group, NetworkAttachmentDefinitionMapper.Version, NetworkAttachmentDefinitionMapper.Plural,
                continueParameter: next, limit: pageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (page.ValueKind == JsonValueKind.Object && page.TryGetProperty("items", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(list.EnumerateArray().Select(e => JsonObject.Create(e)).OfType<JsonObject>());
            }

            next = Metadata(page, "continue");
            version = Metadata(page, "resourceVersion") ?? "";
        }
        while (!string.IsNullOrEmpty(next));

        return (items, version);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<WatchChange<JsonObject>> WatchAsync(string resourceVersion, Action<string> progress, CancellationToken cancellationToken) =>
        WatchEvents.ReadAsync<object, JsonObject>(
            onError => client.CustomObjects.WatchListClusterCustomObjectAsync(
                NetworkAttachmentDefinitionMapper.Group, NetworkAttachmentDefinitionMapper.Version, NetworkAttachmentDefinitionMapper.Plural,
                allowWatchBookmarks: true, resourceVersion: resourceVersion, timeoutSeconds: watchTimeoutSeconds,
                onError: onError, cancellationToken: cancellationToken),
            raw => ToObject(raw) is { } obj ? (obj, (string?)obj["metadata"]?["resourceVersion"]) : (null, null),
            progress,
            Resource);

    // KubernetesClient hands custom objects over as JsonElement; be tolerant of a node or text as well.
    private static JsonObject? ToObject(object? raw) => raw switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } element => JsonObject.Create(element),
        JsonObject obj => obj,
        string text => JsonNode.Parse(text) as JsonObject,
        _ => null,
    };

    private static string? Metadata(JsonElement list, string key) =>
        list.ValueKind == JsonValueKind.Object
        && list.TryGetProperty("metadata", out JsonElement metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty(key, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
