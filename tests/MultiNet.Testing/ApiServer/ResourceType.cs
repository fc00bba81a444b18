namespace MultiNet.Testing.ApiServer;

/// <summary>One kind of object the stand-in serves, and where it lives in the URL space.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. v1.</param>
/// <param name="Plural">Resource name in URLs, e.g. pods.</param>
/// <param name="Singular">Singular resource name, for discovery.</param>
/// <param name="Kind">Object kind, e.g. Pod; also the storage key.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="HasStatus">Whether the resource has a status subresource.</param>
internal sealed record ResourceType(
    string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced, bool HasStatus)
{
    /// <summary>apiVersion of the objects, e.g. v1 or k8s.cni.cncf.io/v1.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Name used in error messages, as kube-apiserver qualifies it: pods, network-attachment-definitions.k8s.cni.cncf.io.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static readonly ResourceType Pods = new("", "v1", "pods", "pod", "Pod", true, true);
    public static readonly ResourceType CoreEvents = new("", "v1", "events", "event", "Event", true, false);
    public static readonly ResourceType Nodes = new("", "v1", "nodes", "node", "Node", false, true);
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "namespace", "Namespace", false, true);
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "configmap", "ConfigMap", true, false);
    public static readonly ResourceType EventsV1 = new("events.k8s.io", "v1", "events", "event", "Event", true, false);
    public static readonly ResourceType NetworkAttachmentDefinitions = new(
        "k8s.cni.cncf.io", "v1", "network-attachment-definitions", "network-attachment-definition",
        "NetworkAttachmentDefinition", true, false);
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "secret", "Secret", true, false);
    public static readonly ResourceType ValidatingWebhookConfigurations = new(
        "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", "validatingwebhookconfiguration",
        "ValidatingWebhookConfiguration", false, false);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, false);

    /// <summary>Every resource the stand-in serves.</summary>
    public static readonly IReadOnlyList<ResourceType> All =
        [Pods, CoreEvents, Nodes, Namespaces, ConfigMaps, EventsV1, NetworkAttachmentDefinitions, Secrets,
         ValidatingWebhookConfigurations, Leases];

    /// <summary>Finds the resource served at group/version/plural.</summary>
    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>Finds the first resource with the given kind (storage key).</summary>
    public static ResourceType? FindByKind(string kind) => All.FirstOrDefault(r => r.Kind == kind);
}
