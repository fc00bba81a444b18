using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Kubernetes.Mapping;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>
/// A NetworkAttachmentDefinition, a Pod or a workload with a pod template (Deployment, StatefulSet, DaemonSet,
/// ReplicaSet, ReplicationController, Job, CronJob, PodTemplate) found in a manifest file.
/// </summary>
public sealed record ManifestObject
{
    /// <summary>The file, as given or found in a directory.</summary>
    public required string File { get; init; }

    /// <summary>1-based document index within the file.</summary>
    public required int Document { get; init; }

    /// <summary>Where the object sits inside a <c>List</c> document (<c>items[2]</c>), or null.</summary>
    public string? ItemPath { get; init; }

    /// <summary>apiVersion (empty when the document has none).</summary>
    public required string ApiVersion { get; init; }

    /// <summary>kind.</summary>
    public required string Kind { get; init; }

    /// <summary>metadata.namespace, or the default namespace the scan was given.</summary>
    public required string Namespace { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    /// <summary>The object as read.</summary>
    public required JsonObject Json { get; init; }

    /// <summary>
    /// For objects that describe a pod, the path of the pod's object: empty for a Pod, <c>spec.template</c> for a
    /// Deployment, <c>spec.jobTemplate.spec.template</c> for a CronJob; null for a NAD.
    /// </summary>
    public string? PodPath { get; init; }

    /// <summary>True for a NetworkAttachmentDefinition.</summary>
    public bool IsNetwork => PodPath is null;

    /// <summary>How messages name it: <c>Pod default/web</c>, <c>NetworkAttachmentDefinition default/macvlan-a</c>.</summary>
    public string Label => $"{Kind} {Namespace}/{Name}";

    /// <summary>The path of a field of the pod inside this object, e.g. <c>spec.template.metadata.annotations</c>.</summary>
    public string PodField(string field) => string.IsNullOrEmpty(PodPath) ? field : $"{PodPath}.{field}";

    /// <summary>The NAD this object defines; throws <c>CniException</c> naming the field when its spec is malformed.</summary>
    public NetworkAttachmentDefinition ToNetwork() =>
        NetworkAttachmentDefinitionMapper.FromJson(Json, Label) with { Namespace = Namespace };

    /// <summary>
    /// The pod this object describes (a workload's pod carries the workload's name and namespace and its template's
    /// annotations). Throws <c>CniException</c> naming the field when the annotations are not a map of strings.
    /// </summary>
    public PodInfo ToPod()
    {
        var pod = PodObject() ?? [];
        if (pod["metadata"] is not (null or JsonObject))
        {
            throw KubeObjectFields.Invalid(Label, PodField("metadata"), "must be a map");
        }

        return new PodInfo
        {
            Namespace = Namespace,
            Name = Name,
            Uid = PodInfoMapper.StableUid(Namespace, Name),
            Annotations = KubeObjectFields.Annotations(pod, Label),
        };
    }

    /// <summary>The pod (or pod template) object inside <see cref="Json"/>, or null when the workload has none.</summary>
    public JsonObject? PodObject()
    {
        if (PodPath is null)
        {
            return null;
        }

        JsonNode? node = Json;
        foreach (var part in PodPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = (node as JsonObject)?[part];
        }

        return node as JsonObject;
    }
}
