using System.Net;
using System.Net.Sockets;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Selection;

/// <summary>Rules that span elements: requested interface names are unique; one default gateway per IP family.</summary>
internal static class SelectionConsistency
{
    /// <summary>Throws when two elements request the same interface or more than one IPv4 / IPv6 default gateway is asked for.</summary>
    public static void Check(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
    {
        CheckInterfaces(elements, annotationKey);
        CheckDefaultRoutes(elements, annotationKey);
    }

    private static void CheckInterfaces(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
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
                throw new CniException(CniErrorCode.InterfaceConflict, PairError(annotationKey, first, e, "interface", $"both request interface {QuotedValue.Of(iface)}").Message);
            }

            seen.Add(iface, e);
        }
    }

    // Multus refuses more than one IPv4 or more than one IPv6 default gateway in the whole annotation (no ECMP);
    // several elements may carry "default-route" as long as that holds.
    private static void CheckDefaultRoutes(IReadOnlyList<NetworkSelectionElement> elements, string annotationKey)
    {
        (NetworkSelectionElement Element, string Gateway)? v4 = null;
        (NetworkSelectionElement Element, string Gateway)? v6 = null;
        foreach (NetworkSelectionElement e in elements)
        {
            foreach (string gateway in e.DefaultRoute ?? [])
            {
                IPAddress? ip = AddressSyntax.ParseIp(gateway);
                bool isV6 = ip?.AddressFamily == AddressFamily.InterNetworkV6;
                ref (NetworkSelectionElement Element, string Gateway)? holder = ref isV6 ? ref v6 : ref v4;
                if (holder is { } prior)
                {
                    string family = isV6 ? "IPv6" : "IPv4";
                    string problem =
                        $"more than one {family} default gateway ({QuotedValue.Of(prior.Gateway)} and {QuotedValue.Of(gateway)}); " +
                        "only one IPv4 and one IPv6 default route are supported (no ECMP)";
                    throw ReferenceEquals(prior.Element, e)
                        ? new SelectionScope(annotationKey, e.Index) { Name = e.Name }.Field("default-route", problem)
                        : PairError(annotationKey, prior.Element, e, "default-route", problem);
                }

                holder = (e, gateway);
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
