using MultiNet.Cni.Protocol;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>
/// Parses the pod annotations that select networks: <c>k8s.v1.cni.cncf.io/networks</c> in its text and JSON forms,
/// and the default-network override. Every problem is a <see cref="CniException"/> with code
/// <see cref="CniErrorCode.InvalidNetworkSelection"/> that names the element, the field and the value; an invalid
/// annotation fails the pod (as Multus does) rather than being ignored (as the spec allows), so a typo is seen.
/// </summary>
public static class NetworkSelectionParser
{
    /// <summary>The NPWG network selection annotation.</summary>
    public const string AnnotationKey = "k8s.v1.cni.cncf.io/networks";

    /// <summary>Multus's annotation replacing the cluster default network for one pod.</summary>
    public const string DefaultNetworkAnnotationKey = "v1.multus-cni.io/default-network";

    /// <summary>MultiNet's own name for <see cref="DefaultNetworkAnnotationKey"/>.</summary>
    public const string DefaultNetworkAliasKey = "multinet.io/default-network";

    /// <summary>
    /// Parses <c>k8s.v1.cni.cncf.io/networks</c>. Null, empty or whitespace gives an empty list. Elements without a
    /// namespace get <paramref name="defaultNamespace"/>.
    /// </summary>
    public static IReadOnlyList<NetworkSelectionElement> Parse(string? annotation, string defaultNamespace) =>
        Parse(annotation, defaultNamespace, AnnotationKey);

    /// <summary>Parses a selection annotation stored under <paramref name="annotationKey"/> (named in error messages).</summary>
    public static IReadOnlyList<NetworkSelectionElement> Parse(string? annotation, string defaultNamespace, string annotationKey)
    {
        ArgumentNullException.ThrowIfNull(defaultNamespace);
        ArgumentNullException.ThrowIfNull(annotationKey);
        if (string.IsNullOrWhiteSpace(annotation))
        {
            return [];
        }

        IReadOnlyList<NetworkSelectionElement> elements = ParseElements(annotation, defaultNamespace, annotationKey);
        SelectionConsistency.Check(elements, annotationKey);
        return elements;
    }

    /// <summary>Each element parsed and checked on its own, without the rules spanning elements (the admission rules report those all).</summary>
    internal static IReadOnlyList<NetworkSelectionElement> ParseElements(string annotation, string defaultNamespace, string annotationKey) =>
        string.IsNullOrWhiteSpace(annotation)
            ? []
            : IsJson(annotation)
                ? JsonSelectionParser.Parse(annotation, defaultNamespace, annotationKey)
                : TextSelectionParser.Parse(annotation, defaultNamespace, annotationKey);

    /// <summary>
    /// Parses <c>v1.multus-cni.io/default-network</c> (or its alias): the same syntax, exactly one element.
    /// <paramref name="defaultNamespace"/> is the one Multus uses for it (its own namespace), not the pod's.
    /// </summary>
    public static NetworkSelectionElement ParseDefaultNetwork(string annotation, string defaultNamespace) =>
        ParseDefaultNetwork(annotation, defaultNamespace, DefaultNetworkAnnotationKey);

    /// <summary>As <see cref="ParseDefaultNetwork(string, string)"/>, naming <paramref name="annotationKey"/> in errors.</summary>
    public static NetworkSelectionElement ParseDefaultNetwork(string annotation, string defaultNamespace, string annotationKey)
    {
        IReadOnlyList<NetworkSelectionElement> elements = Parse(annotation, defaultNamespace, annotationKey);
        return elements.Count == 1
            ? elements[0]
            : throw Selection.SelectionScope.AnnotationError(
                annotationKey,
                $"must select exactly one network, got {elements.Count}");
    }

    // The client library's rule: any of these characters means the JSON form.
    private static bool IsJson(string annotation) => annotation.AsSpan().IndexOfAny("[{\"") >= 0;
}
