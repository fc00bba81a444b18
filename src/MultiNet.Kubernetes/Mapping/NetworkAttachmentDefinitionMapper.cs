using System.Text.Json.Nodes;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Kubernetes.Mapping;

/// <summary>Maps a NetworkAttachmentDefinition object (from a manifest or the API) to the engine's model.</summary>
internal static class NetworkAttachmentDefinitionMapper
{
    /// <summary>API group of the NAD CRD.</summary>
    public const string Group = "k8s.cni.cncf.io";
    /// <summary>API version of the NAD CRD.</summary>
    public const string Version = "v1";
    /// <summary>apiVersion as written in manifests.</summary>
    public const string ApiVersion = Group + "/" + Version;
    /// <summary>Kind of the NAD CRD.</summary>
    public const string Kind = "NetworkAttachmentDefinition";
    /// <summary>Resource plural used in API paths.</summary>
    public const string Plural = "network-attachment-definitions";

    /// <summary>Reads name, namespace, <c>spec.config</c> and the resourceName annotation. <paramref name="context"/> prefixes errors.</summary>
    public static NetworkAttachmentDefinition FromJson(JsonObject item, string context)
    {
        var name = KubeObjectFields.Name(item, context);
        var annotations = KubeObjectFields.Annotations(item, context);
        var spec = item["spec"];
        if (spec is not null and not JsonObject)
        {
            throw KubeObjectFields.Invalid(context, "spec", "must be a map");
        }

        // spec.config is JSON *text* in the CRD; an object here is a common mistake worth naming.
        var config = KubeObjectFields.OptionalString(spec?["config"], "spec.config", context);
        return new NetworkAttachmentDefinition
        {
            Namespace = KubeObjectFields.Namespace(item, context),
            Name = name,
            Config = string.IsNullOrWhiteSpace(config) ? null : config,
            ResourceName = annotations.GetValueOrDefault(NetworkAttachmentDefinition.ResourceNameAnnotation) is { Length: > 0 } resource
                ? resource
                : null,
        };
    }
}
