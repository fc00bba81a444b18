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
            foreach (var found in ManifestObjectWalker.Walk(documents[i]))
            {
                AddObject(found, $"manifest \"{path}\": document {i + 1}");
            }
        }
    }

    private void AddObject(ManifestObjectWalker.Found found, string context)
    {
        if (found.ItemPath is not null)
        {
            context = $"{context}: {found.ItemPath}";
        }

        if (found.Kind == NetworkAttachmentDefinitionMapper.Kind && found.ApiVersion == NetworkAttachmentDefinitionMapper.ApiVersion)
        {
            var network = NetworkAttachmentDefinitionMapper.FromJson(found.Item, context);
            Claim($"network \"{network.Namespace}/{network.Name}\"", context);
            Networks.Add(network);
        }
        else if (found.Kind == PodKind && found.ApiVersion == PodApiVersion)
        {
            var pod = PodInfoMapper.FromJson(found.Item, context);
            Claim($"pod \"{pod.Namespace}/{pod.Name}\"", context);
            Pods.Add(pod);
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
}
