using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;
using MultiNet.NetworkPlumbing.Selection;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// The rules for what a pod asks for, shared by the admission webhook, <c>multinetctl validate</c> and the plugin:
/// the networks annotation parses (both forms, every field, with the plugin's parser); every selected NAD exists,
/// is valid and may be used from the pod's namespace; interface names are unique and free; one default route per
/// IP family; every requested capability is declared by a plugin of its network.
/// </summary>
public static class PodNetworkRules
{
    private static readonly (string Key, string Capability)[] CapabilityFields =
    [
        ("ips", "ips"), ("mac", "mac"), ("portMappings", "portMappings"), ("bandwidth", "bandwidth"), ("infiniband-guid", "infinibandGUID"),
    ];

    /// <summary>
    /// Every finding for a pod in <paramref name="podNamespace"/> with <paramref name="annotations"/>.
    /// <paramref name="lookup"/> answers (namespace, name) with the NAD or null when there is none.
    /// </summary>
    public static IReadOnlyList<RuleFinding> Validate(
        string podNamespace,
        IReadOnlyDictionary<string, string> annotations,
        Func<string, string, NetworkAttachmentDefinition?> lookup,
        PodRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(podNamespace);
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(options);
        var findings = new FindingList();
        if (annotations.TryGetValue(NetworkSelectionParser.AnnotationKey, out string? text) && !string.IsNullOrWhiteSpace(text))
        {
            CheckSelections(text, podNamespace, lookup, options, findings);
        }

        foreach (string key in new[] { NetworkSelectionParser.DefaultNetworkAnnotationKey, NetworkSelectionParser.DefaultNetworkAliasKey })
        {
            if (annotations.TryGetValue(key, out string? value) && !string.IsNullOrWhiteSpace(value))
            {
                CheckDefaultNetwork(key, value, lookup, options, findings);
            }
        }

        return findings.Items;
    }

    /// <summary>A warning when a host-network pod carries a networks annotation: CNI is never called for it.</summary>
    public static IReadOnlyList<RuleFinding> ValidateHostNetwork(IReadOnlyDictionary<string, string> annotations, bool hostNetwork)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return hostNetwork && annotations.TryGetValue(NetworkSelectionParser.AnnotationKey, out string? text) && !string.IsNullOrWhiteSpace(text)
            ?
            [
                new RuleFinding(RuleSeverity.Warning, SelectionFindings.AnnotationPath(NetworkSelectionParser.AnnotationKey),
                    RuleReasons.HostNetworkIgnoresNetworks,
                    "is ignored: the pod sets spec.hostNetwork, so no CNI plugin runs for it; remove the annotation or hostNetwork"),
            ]
            : [];
    }

    private static void CheckSelections(
        string text, string podNamespace, Func<string, string, NetworkAttachmentDefinition?> lookup, PodRuleOptions options, FindingList findings)
    {
        const string key = NetworkSelectionParser.AnnotationKey;
        IReadOnlyList<NetworkSelectionElement> elements;
        try
        {
            elements = NetworkSelectionParser.ParseElements(text, podNamespace, key);
        }
        catch (CniException e)
        {
            findings.AddRange([SelectionFindings.FromParseError(e, key)]);
            return;
        }

        findings.AddRange(SelectionConsistency.Conflicts(elements, key).Select(c => SelectionFindings.FromConflict(c, key)));
        foreach (NetworkSelectionElement element in elements)
        {
            SelectionRules.CheckRequestOnly(element, options, findings);
            if (NetworkFor(element, podNamespace, lookup, options, findings) is { } verdict)
            {
                CheckCapabilities(element, verdict, findings);
            }
        }
    }

    private static NadVerdict? NetworkFor(
        NetworkSelectionElement e, string podNamespace, Func<string, string, NetworkAttachmentDefinition?> lookup, PodRuleOptions options, FindingList findings)
    {
        const string key = NetworkSelectionParser.AnnotationKey;
        string reference = $"\"{e.Namespace}/{e.Name}\"";
        if (e.Namespace != podNamespace)
        {
            if (options.NamespaceIsolation && !options.GlobalNamespaces.Contains(e.Namespace))
            {
                findings.Error(SelectionFindings.FieldPath(key, e.Index, "namespace"), RuleReasons.NamespaceIsolation,
                    $"network {reference} is in namespace {QuotedValue.Of(e.Namespace)}, which pods of {QuotedValue.Of(podNamespace)} may not use " +
                    $"(namespaceIsolation is on; allowed: their own namespace and [{string.Join(", ", options.GlobalNamespaces)}]); " +
                    "create the network in the pod's namespace or in a global namespace");
                return null;
            }

            if (!options.NamespaceIsolation)
            {
                findings.Warning(SelectionFindings.FieldPath(key, e.Index, "namespace"), RuleReasons.CrossNamespaceNetwork,
                    $"network {reference} is in another namespace than the pod ({QuotedValue.Of(podNamespace)}); allowed because namespaceIsolation is off, " +
                    "but the pod will break if namespaceIsolation is turned on");
            }
        }

        return Resolve(e.Namespace, e.Name, SelectionFindings.FieldPath(key, e.Index, "name"), podNamespace, lookup, options, findings);
    }

    private static NadVerdict? Resolve(
        string ns, string name, string field, string podNamespace, Func<string, string, NetworkAttachmentDefinition?> lookup, PodRuleOptions options,
        FindingList findings)
    {
        if (lookup(ns, name) is not { } nad)
        {
            string hint = options.GlobalNamespaces.Append(podNamespace).Distinct(StringComparer.Ordinal)
                .FirstOrDefault(other => other != ns && lookup(other, name) is not null) is { } found
                ? $"; did you mean \"{found}/{name}\"?"
                : $"; create it in namespace {QuotedValue.Of(ns)} or fix the name";
            findings.Error(field, RuleReasons.NetworkNotFound, $"network attachment definition \"{ns}/{name}\" does not exist{hint}");
            return null;
        }

        NadVerdict verdict = NadVerdict.For(nad);
        if (verdict.FirstError is { } error)
        {
            findings.Error(field, RuleReasons.InvalidNetwork,
                $"network attachment definition \"{ns}/{name}\" is invalid ({error.Field}: {error.Message}); fix the NAD first");
            return null;
        }

        return verdict;
    }

    private static void CheckCapabilities(NetworkSelectionElement e, NadVerdict verdict, FindingList findings)
    {
        const string key = NetworkSelectionParser.AnnotationKey;
        if (verdict.Capabilities is not { } declared)
        {
            return;
        }

        foreach ((string field, string capability) in CapabilityFields)
        {
            if (SelectionRules.Requests(e, field) && !declared.Contains(capability))
            {
                findings.Error(SelectionFindings.FieldPath(key, e.Index, field), RuleReasons.CapabilityNotDeclared,
                    $"network \"{e.Namespace}/{e.Name}\" cannot take it: no plugin of the network declares the \"{capability}\" capability; " +
                    $"add \"capabilities\": {{\"{capability}\": true}} to a plugin that supports it, or remove the request");
            }
        }

        if (verdict.StaticIpam && e.Ips is { } ips && ips.Any(ip => !ip.Contains('/', StringComparison.Ordinal)))
        {
            findings.Warning(SelectionFindings.FieldPath(key, e.Index, "ips"), RuleReasons.IpWithoutPrefix,
                "an address has no prefix length, but the network uses the static IPAM plugin, which needs one (e.g. \"10.1.0.5/24\")");
        }
    }

    private static void CheckDefaultNetwork(
        string key, string value, Func<string, string, NetworkAttachmentDefinition?> lookup, PodRuleOptions options, FindingList findings)
    {
        NetworkSelectionElement element;
        try
        {
            element = NetworkSelectionParser.ParseDefaultNetwork(value, options.DefaultNetworkNamespace, key);
        }
        catch (CniException e)
        {
            findings.Error(SelectionFindings.AnnotationPath(key), RuleReasons.InvalidDefaultNetwork,
                $"{e.Message}; it names the one network that replaces the cluster network, e.g. \"{options.DefaultNetworkNamespace}/my-network\"");
            return;
        }

        _ = Resolve(element.Namespace, element.Name, SelectionFindings.AnnotationPath(key), element.Namespace, lookup, options, findings);
    }
}
