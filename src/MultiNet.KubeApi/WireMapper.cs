using MultiNet.Attachments.Cluster;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.KubeApi;

/// <summary>From the wire types to what the engine uses; shared by live GETs and the daemon's watch caches.</summary>
internal static class WireMapper
{
    /// <summary>The pod's identity and annotations; <paramref name="keepAnnotation"/> trims what is kept (all when null).</summary>
    public static PodInfo ToPodInfo(PodWire pod, string fallbackNamespace, string fallbackName, Func<string, bool>? keepAnnotation = null)
    {
        var metadata = pod.Metadata ?? new ObjectMetaWire();
        IReadOnlyDictionary<string, string> annotations = metadata.Annotations ?? [];
        if (keepAnnotation is not null && annotations.Count > 0)
        {
            annotations = annotations.Where(a => keepAnnotation(a.Key)).ToDictionary(StringComparer.Ordinal);
        }

        return new PodInfo
        {
            Namespace = metadata.Namespace ?? fallbackNamespace,
            Name = metadata.Name ?? fallbackName,
            Uid = metadata.Uid ?? "",
            Annotations = annotations,
        };
    }

    /// <summary>The NAD's name, <c>spec.config</c> and resourceName annotation.</summary>
    public static NetworkAttachmentDefinition ToNad(NadWire nad, string fallbackNamespace, string fallbackName)
    {
        string? resourceName = null;
        nad.Metadata?.Annotations?.TryGetValue(NetworkAttachmentDefinition.ResourceNameAnnotation, out resourceName);
        return new NetworkAttachmentDefinition
        {
            Namespace = nad.Metadata?.Namespace ?? fallbackNamespace,
            Name = nad.Metadata?.Name ?? fallbackName,
            Config = nad.Spec?.Config,
            ResourceName = string.IsNullOrEmpty(resourceName) ? null : resourceName,
        };
    }
}
