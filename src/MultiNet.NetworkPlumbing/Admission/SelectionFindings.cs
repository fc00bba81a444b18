using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>Turns the selection parser's errors into findings with a path and a reason.</summary>
internal static class SelectionFindings
{
    private static readonly Dictionary<string, string> ReasonByKey = new(StringComparer.Ordinal)
    {
        ["name"] = RuleReasons.InvalidNetworkName,
        ["namespace"] = RuleReasons.InvalidNamespace,
        ["interface"] = RuleReasons.InvalidInterfaceName,
        ["interfaceRequest"] = RuleReasons.InvalidInterfaceName,
        ["ips"] = RuleReasons.InvalidIps,
        ["mac"] = RuleReasons.InvalidMac,
        ["infiniband-guid"] = RuleReasons.InvalidInfinibandGuid,
        ["default-route"] = RuleReasons.InvalidDefaultRoute,
        ["portMappings"] = RuleReasons.InvalidPortMappings,
        ["bandwidth"] = RuleReasons.InvalidBandwidth,
        ["cni-args"] = RuleReasons.InvalidCniArgs,
        ["ipam-claim-reference"] = RuleReasons.InvalidIpamClaimReference,
        ["deviceID"] = RuleReasons.InvalidDeviceId,
    };

    /// <summary><c>metadata.annotations["key"]</c>.</summary>
    public static string AnnotationPath(string annotationKey) => $"metadata.annotations[\"{annotationKey}\"]";

    /// <summary>The path of a field of element <paramref name="index"/>, e.g. <c>metadata.annotations["..."][1].mac</c>.</summary>
    public static string FieldPath(string annotationKey, int index, string field) => $"{AnnotationPath(annotationKey)}[{index}].{field}";

    /// <summary>The finding for a parse error of the annotation under <paramref name="annotationKey"/>.</summary>
    public static RuleFinding FromParseError(CniException error, string annotationKey)
    {
        string message = StripAnnotationPrefix(error.Message, annotationKey);
        if (error.Data[SelectionScope.IndexData] is not int index)
        {
            return new RuleFinding(RuleSeverity.Error, AnnotationPath(annotationKey), RuleReasons.InvalidSelectionSyntax, message);
        }

        if (error.Data[SelectionScope.FieldData] is not string field)
        {
            return new RuleFinding(RuleSeverity.Error, $"{AnnotationPath(annotationKey)}[{index}]", RuleReasons.InvalidSelectionSyntax, message);
        }

        string key = field[..KeyLength(field)];
        string reason = ReasonByKey.GetValueOrDefault(key, RuleReasons.UnknownSelectionKey);
        return new RuleFinding(RuleSeverity.Error, FieldPath(annotationKey, index, field), reason, message);
    }

    /// <summary>The finding for an interface or default-route conflict between elements.</summary>
    public static RuleFinding FromConflict(SelectionConflict conflict, string annotationKey) =>
        new(
            RuleSeverity.Error,
            FieldPath(annotationKey, conflict.Element.Index, conflict.Field),
            conflict.Kind == SelectionConflictKind.DuplicateInterface ? RuleReasons.DuplicateInterface : RuleReasons.MultipleDefaultRoutes,
            StripAnnotationPrefix(conflict.Error.Message, annotationKey) + Fix(conflict.Kind));

    private static string Fix(SelectionConflictKind kind) => kind == SelectionConflictKind.DuplicateInterface
        ? "; give each network its own \"interface\" (or leave it out to get net1, net2, ...)"
        : "; keep \"default-route\" on one network per IP family";

    private static int KeyLength(string field)
    {
        int end = field.AsSpan().IndexOfAny('.', '[');
        return end < 0 ? field.Length : end;
    }

    private static string StripAnnotationPrefix(string message, string annotationKey)
    {
        string prefix = $"annotation \"{annotationKey}\": ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}
