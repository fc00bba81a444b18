using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Cli.Validate;

/// <summary>
/// Runs the admission controller's rules (<see cref="NadRules"/>, <see cref="PodNetworkRules"/>) over scanned manifests,
/// offline: the NADs of the scan and of <c>--networks</c> are the ones that exist.
/// </summary>
internal sealed partial class ManifestValidator(ManifestScan scan, ManifestScan? context, PodRuleOptions options)
{
    // What the manifest mapping says about a malformed field: `<object>: field "spec.config" must be a string, not a map`.
    [GeneratedRegex("""^.*?: field "(?<field>[^"]+)" (?<problem>.*)$""")]
    private static partial Regex FieldProblem();

    /// <summary>Every problem, reading problems included, in file and document order.</summary>
    public IReadOnlyList<ProblemLine> Validate()
    {
        var lines = new List<ProblemLine>();
        lines.AddRange(scan.Problems.Select(ProblemLine.From));
        foreach (var item in scan.Objects)
        {
            lines.AddRange(item.IsNetwork ? ValidateNetwork(item) : ValidatePod(item));
        }

        var fileOrder = scan.Files.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        return [.. lines.OrderBy(l => fileOrder.GetValueOrDefault(l.File)).ThenBy(l => l.Document)];
    }

    private IEnumerable<ProblemLine> ValidateNetwork(ManifestObject item)
    {
        NetworkAttachmentDefinition nad;
        try
        {
            nad = item.ToNetwork();
        }
        catch (CniException e)
        {
            return [Malformed(item, e)];
        }

        return NadRules.Validate(nad).Select(f => Line(item, f, item.ItemPath));
    }

    private IEnumerable<ProblemLine> ValidatePod(ManifestObject item)
    {
        IReadOnlyDictionary<string, string> annotations;
        try
        {
            annotations = item.ToPod().Annotations;
        }
        catch (CniException e)
        {
            return [Malformed(item, e)];
        }

        var hostNetwork = (item.PodObject()?["spec"] as JsonObject)?["hostNetwork"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        var findings = PodNetworkRules.Validate(item.Namespace, annotations, Lookup, options)
            .Concat(PodNetworkRules.ValidateHostNetwork(annotations, hostNetwork));
        return findings.Select(f => Line(item, f, Prefix(item.ItemPath, item.PodPath)));
    }

    private NetworkAttachmentDefinition? Lookup(string ns, string name)
    {
        var item = scan.Networks.Concat(context?.Networks ?? []).FirstOrDefault(n => n.Namespace == ns && n.Name == name);
        if (item is null)
        {
            return null;
        }

        try
        {
            return item.ToNetwork();
        }
        catch (CniException e)
        {
            // It exists but cannot be used: give the rules a config they will call invalid, with the reason in it.
            return new NetworkAttachmentDefinition { Namespace = ns, Name = name, Config = $"invalid manifest: {e.Message}" };
        }
    }

    private static ProblemLine Line(ManifestObject item, RuleFinding finding, string? prefix) => new()
    {
        File = item.File,
        Document = item.Document,
        Object = item.Label,
        Field = Prefix(prefix, finding.Field),
        Message = finding.Message,
        IsWarning = !finding.IsError,
        Reason = finding.Reason,
    };

    private static ProblemLine Malformed(ManifestObject item, CniException error)
    {
        var match = FieldProblem().Match(error.Message);
        return new ProblemLine
        {
            File = item.File,
            Document = item.Document,
            Object = item.Label,
            Field = match.Success ? Prefix(item.ItemPath, match.Groups["field"].Value) : item.ItemPath,
            Message = match.Success ? match.Groups["problem"].Value : error.Message,
            Reason = ProblemLine.InvalidManifest,
        };
    }

    private static string? Prefix(string? prefix, string? field) =>
        string.IsNullOrEmpty(prefix) ? field : string.IsNullOrEmpty(field) ? prefix : $"{prefix}.{field}";
}
