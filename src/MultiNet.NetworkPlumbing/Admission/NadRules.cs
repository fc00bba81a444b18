using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Definitions;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// The rules for a NetworkAttachmentDefinition, shared by the admission webhook, <c>multinetctl validate</c> and the
/// plugin: its name is a DNS-1123 label; <c>spec.config</c> is empty (the node's file is used) or a CNI conf with
/// <c>type</c> or a conflist whose every plugin has one, with a <c>cniVersion</c> MultiNet speaks and sane IPAM.
/// Anything the plugin's own config parser would refuse is an error too.
/// </summary>
public static class NadRules
{
    /// <summary>Every finding for <paramref name="nad"/>, errors and warnings, in the order of the fields.</summary>
    public static IReadOnlyList<RuleFinding> Validate(NetworkAttachmentDefinition nad)
    {
        ArgumentNullException.ThrowIfNull(nad);
        var findings = new FindingList();
        if (DnsLabel.Problem(nad.Name) is { } problem)
        {
            findings.Error("metadata.name", RuleReasons.InvalidName,
                $"{QuotedValue.Of(nad.Name)} {problem}; NAD names are DNS-1123 labels such as \"macvlan-a\" (pods refer to them by it)");
        }

        if (string.IsNullOrWhiteSpace(nad.Config))
        {
            findings.Warning(NadConfigRules.ConfigPath, RuleReasons.EmptyConfig,
                $"is empty, so every node needs a CNI config file with \"name\": {QuotedValue.Of(nad.Name)} in MultiNet's confDir; pods on a node without it fail");
            return findings.Items;
        }

        _ = NadConfigRules.Check(nad.Config, nad.Name, findings);
        if (!findings.HasErrors)
        {
            RequirePluginAccepts(nad, findings);
        }

        return findings.Items;
    }

    /// <summary>True when <paramref name="findings"/> holds an error.</summary>
    public static bool HasErrors(IReadOnlyList<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Any(f => f.IsError);
    }

    // The finer rules found nothing: the plugin's own parser has the last word, so nothing it refuses is admitted.
    private static void RequirePluginAccepts(NetworkAttachmentDefinition nad, FindingList findings)
    {
        try
        {
            _ = NetworkConfigResolver.Resolve(nad, confDir: string.Empty);
        }
        catch (CniException e)
        {
            findings.Error(NadConfigRules.ConfigPath, RuleReasons.InvalidConfig, e.Message);
        }
    }
}
