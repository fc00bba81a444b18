using k8s.Models;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Controller.Caches;

/// <summary>Reduces a pod to a <see cref="PodRecord"/>, or to nothing when it asks for no network.</summary>
internal static class PodRecordMapper
{
    /// <summary>The annotations the controller cares about.</summary>
    public static readonly string[] NetworkAnnotations =
    [
        NetworkSelectionParser.AnnotationKey, NetworkSelectionParser.DefaultNetworkAnnotationKey, NetworkSelectionParser.DefaultNetworkAliasKey,
    ];

    /// <summary>The record, or null when the pod has none of <see cref="NetworkAnnotations"/>.</summary>
    public static PodRecord? Map(V1Pod pod, PodRuleOptions rules)
    {
        ArgumentNullException.ThrowIfNull(pod);
        IDictionary<string, string>? all = pod.Metadata?.Annotations;
        if (all is null || pod.Metadata?.Name is not { } name)
        {
            return null;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in NetworkAnnotations)
        {
            if (all.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                annotations[key] = value;
            }
        }

        if (annotations.Count == 0)
        {
            return null;
        }

        string ns = pod.Metadata.NamespaceProperty ?? "default";
        string? phase = pod.Status?.Phase;
        return new PodRecord
        {
            Namespace = ns,
            Name = name,
            Uid = pod.Metadata.Uid ?? "",
            Annotations = annotations,
            References = References(annotations, ns, rules),
            Active = pod.Metadata.DeletionTimestamp is null && phase is not ("Succeeded" or "Failed"),
            HostNetwork = pod.Spec?.HostNetwork == true,
        };
    }

    private static List<NadKey> References(Dictionary<string, string> annotations, string ns, PodRuleOptions rules)
    {
        var keys = new List<NadKey>();
        foreach ((string key, string value) in annotations)
        {
            try
            {
                string defaultNamespace = key == NetworkSelectionParser.AnnotationKey ? ns : rules.DefaultNetworkNamespace;
                keys.AddRange(NetworkSelectionParser.Parse(value, defaultNamespace, key).Select(e => new NadKey(e.Namespace, e.Name)));
            }
            catch (CniException)
            {
                // Reported by the reconciler as an event; an unparsable annotation references nothing.
            }
        }

        return keys;
    }
}
