using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>
/// The comma-separated form <c>[namespace/]name[@interface]</c> (NPWG spec §4.1.1; the <c>@interface</c> suffix is
/// the de-facto extension the client library and Multus parse).
/// </summary>
internal static class TextSelectionParser
{
    /// <summary>Parses every item; an empty item (e.g. "a,,b") is an error rather than silently skipped.</summary>
    public static IReadOnlyList<NetworkSelectionElement> Parse(string annotation, string defaultNamespace, string annotationKey)
    {
        string[] items = annotation.Split(',');
        var elements = new List<NetworkSelectionElement>(items.Length);
        for (int i = 0; i < items.Length; i++)
        {
            elements.Add(ParseItem(items[i].Trim(), i, defaultNamespace, annotationKey));
        }

        return elements;
    }

    private static NetworkSelectionElement ParseItem(string item, int index, string defaultNamespace, string annotationKey)
    {
        var scope = new SelectionScope(annotationKey, index) { Name = item };
        if (item.Length == 0)
        {
            throw scope.Field("name", "is empty (an empty item between commas)");
        }

        // '@' first: an interface name cannot contain '/', so "net@eth/0" is a bad interface, not a namespace "net@eth".
        string[] atParts = item.Split('@');
        if (atParts.Length > 2)
        {
            throw scope.Fail("more than one '@' (expected [namespace/]name[@interface])");
        }

        string[] slashParts = atParts[0].Split('/');
        if (slashParts.Length > 2)
        {
            throw scope.Fail("more than one '/' (expected [namespace/]name[@interface])");
        }

        string? ns = slashParts.Length == 2 ? slashParts[0].Trim() : null;
        string name = slashParts[^1].Trim();
        string? iface = atParts.Length == 2 ? atParts[1].Trim() : null;

        Check(scope, "namespace", ns, DnsLabel.Problem);
        Check(scope, "name", name, DnsLabel.Problem);
        Check(scope, "interface", iface, InterfaceNames.Problem);

        return new NetworkSelectionElement
        {
            Name = name,
            Namespace = ns ?? defaultNamespace,
            InterfaceRequest = iface,
            Index = index,
        };
    }

    private static void Check(SelectionScope scope, string field, string? value, Func<string, string?> problemOf)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length == 0)
        {
            throw scope.Field(field, "is empty");
        }

        if (problemOf(value) is { } problem)
        {
            throw scope.Value(field, value, problem);
        }
    }
}
