using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Mapping;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>Collects the NADs and pods of manifest documents, unwrapping lists and refusing duplicates.</summary>
internal sealed class ManifestCollector
{
    private const string PodApiVersion = "v1";
    private const string PodKind = "Pod";

    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

    /// <summary>NADs in the order they were read.</summary>
    public List<NetworkAttachmentDefinition> Networks { get; } = [];

    /// <summary>Pods in the order they were read.</summary>
    public List<PodInfo> Pods { get; } = [];

    /// <summary>Adds every NAD and pod of the file at <paramref name="path"/>.</summary>
    public void AddFile(string path)
    {
        var documents = ManifestFileReader.Read(path);
        for (var i = 0; i < documents.Count; i++)
        {
            AddObject(documents[i], $"manifest \"{path}\": document {i + 1}", impliedApiVersion: null, impliedKind: null);
        }
    }

    private void AddObject(JsonNode? node, string context, string? impliedApiVersion, string? impliedKind)
    {
        // Anything that is not a Kubernetes object (a scalar, a values file, another tool's config) is not ours to judge.
        if (node is not JsonObject item)
        {
            return;
        }

        var apiVersion = TextOrNull(item["apiVersion"]) ?? impliedApiVersion;
        var kind = TextOrNull(item["kind"]) ?? impliedKind;
        if (kind is null)
        {
            return;
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && item["items"] is JsonArray items)
        {
            AddList(items, context, apiVersion, kind);
            return;
        }

        if (kind == NetworkAttachmentDefinitionMapper.Kind && apiVersion == NetworkAttachmentDefinitionMapper.ApiVersion)
        {
            var network = NetworkAttachmentDefinitionMapper.FromJson(item, context);
            Claim($"network \"{network.Namespace}/{network.Name}\"", context);
            Networks.Add(network);
        }
        else if (kind == PodKind && apiVersion == PodApiVersion)
        {
            var pod = PodInfoMapper.FromJson(item, context);
            Claim($"pod \"{pod.Namespace}/{pod.Name}\"", context);
            Pods.Add(pod);
        }
    }

    private void AddList(JsonArray items, string context, string? apiVersion, string kind)
    {
        // A typed list (PodList, NetworkAttachmentDefinitionList) from the API leaves kind and apiVersion off its items.
        var itemKind = kind == "List" ? null : kind[..^"List".Length];
        var itemApiVersion = itemKind is null ? null : apiVersion;
        for (var i = 0; i < items.Count; i++)
        {
            AddObject(items[i], $"{context}: items[{i}]", itemApiVersion, itemKind);
        }
    }

    private void Claim(string what, string context)
    {
        if (_origins.TryGetValue(what, out var first))
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"{context}: {what} is already defined ({first})");
        }

        _origins[what] = context;
    }

    private static string? TextOrNull(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
