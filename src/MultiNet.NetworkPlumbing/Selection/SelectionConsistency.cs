using System.Net.Sockets;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Rules that span elements: requested interface names are unique; one default gateway per IP family.</summary>
internal static class SelectionConsistency
{
    /// <summary>Throws the first conflict: two elements requesting one interface, or more than one IPv4 / IPv6 default gateway.</summary>
    public static void Check(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
    {
        if (Conflicts(elements, annotationKey).FirstOrDefault() is { } conflict)
        {
            throw conflict.Error;
        }
    }

    /// <summary>Every conflict, interface names first, then default routes; each reported at the later element.</summary>
    public static IEnumerable<SelectionConflict> Conflicts(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey) =>
        InterfaceConflicts(elements, annotationKey).Concat(DefaultRouteConflicts(elements, annotationKey));

    private static IEnumerable<SelectionConflict> InterfaceConflicts(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
    {
        var seen = new Dictionary<string, NetworkSelectionElement>(StringComparer.Ordinal);
        foreach (NetworkSelectionElement e in elements)
        {
            if (e.InterfaceRequest is not { } iface)
            {
                continue;
            }

            if (seen.TryGetValue(iface, out NetworkSelectionElement? first))
            {
                string message = PairError(annotationKey, first, e, "interface", $"both request interface {QuotedValue.Of(iface)}").Message;
                yield return new SelectionConflict(
                    SelectionConflictKind.DuplicateInterface, e, "interface", new CniException(CniErrorCode.InterfaceConflict, message));
                continue;
            }

            seen.Add(iface, e);
        }
    }

    // Multus refuses more than one IPv4 or more than one IPv6 default gateway in the whole annotation (no ECMP);
    // several elements may carry "default-route" as long as that holds.
    private static IEnumerable<SelectionConflict> DefaultRouteConflicts(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
    {
        (NetworkSelectionElement Element, string Gateway)? v4 = null;
        (NetworkSelectionElement Element, string Gateway)? v6 = null;
        foreach (NetworkSelectionElement e in elements)
        {
            var gateways = e.DefaultRoute ?? [];
            for (int i = 0; i < gateways.Count; i++)
            {
                string gateway = gateways[i];
                bool isV6 = AddressSyntax.ParseIp(gateway)?.AddressFamily == AddressFamily.InterNetworkV6;
                (NetworkSelectionElement Element, string Gateway)? prior = isV6 ? v6 : v4;
                if (prior is { } p)
                {
                    string family = isV6 ? "IPv6" : "IPv4";
                    string problem =
                        $"more than one {family} default gateway ({QuotedValue.Of(p.Gateway)} and {QuotedValue.Of(gateway)}); " +
                        "only one IPv4 and one IPv6 default route are supported (no ECMP)";
                    CniException error = ReferenceEquals(p.Element, e)
                        ? new SelectionScope(annotationKey, e.Index) { Name = e.Name }.Field("default-route", problem)
                        : PairError(annotationKey, p.Element, e, "default-route", problem);
                    yield return new SelectionConflict(SelectionConflictKind.MultipleDefaultRoutes, e, $"default-route[{i}]", error);
                    continue;
                }

                if (isV6)
                {
                    v6 = (e, gateway);
                }
                else
                {
                    v4 = (e, gateway);
                }
            }
        }
    }

    private static CniException PairError(
        string annotationKey, NetworkSelectionElement first, NetworkSelectionElement second, string field, string problem) =>
        SelectionScope.AnnotationError(
            annotationKey,
            $"networks {first.Index + 1} ({QuotedValue.Of(first.Name)}) and {second.Index + 1} ({QuotedValue.Of(second.Name)}): " +
            $"field {QuotedValue.Of(field)}: {problem}");
}
