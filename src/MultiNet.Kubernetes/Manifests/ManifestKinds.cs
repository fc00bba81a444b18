namespace MultiNet.Kubernetes.Manifests;

/// <summary>The kinds a manifest check looks at, and where each keeps its pod.</summary>
internal static class ManifestKinds
{
    private const string NadGroup = "k8s.cni.cncf.io";

    // kind → (API group, path of the pod object); "" is the core group.
    private static readonly Dictionary<string, (string Group, string Path)> Pods = new(StringComparer.Ordinal)
    {
        ["Pod"] = ("", ""),
        ["PodTemplate"] = ("", "template"),
        ["ReplicationController"] = ("", "spec.template"),
        ["Deployment"] = ("apps", "spec.template"),
        ["StatefulSet"] = ("apps", "spec.template"),
        ["DaemonSet"] = ("apps", "spec.template"),
        ["ReplicaSet"] = ("apps", "spec.template"),
        ["Job"] = ("batch", "spec.template"),
        ["CronJob"] = ("batch", "spec.jobTemplate.spec.template"),
    };

    /// <summary>True for a NetworkAttachmentDefinition of any version of its group.</summary>
    public static bool IsNetwork(string? apiVersion, string kind) =>
        kind == "NetworkAttachmentDefinition" && Group(apiVersion) == NadGroup;

    /// <summary>The path of the pod inside an object of this kind, or null when it holds none.</summary>
    public static string? PodPath(string? apiVersion, string kind)
    {
        if (!Pods.TryGetValue(kind, out var entry))
        {
            return null;
        }

        // Old manifests still say extensions/v1beta1 for Deployments, DaemonSets and ReplicaSets.
        var group = Group(apiVersion);
        return group == entry.Group || (entry.Group == "apps" && group == "extensions") ? entry.Path : null;
    }

    private static string? Group(string? apiVersion)
    {
        if (apiVersion is null)
        {
            return null;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}
