using System.Text.Json.Nodes;
using MultiNet.Cni.Results;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Status;

/// <summary>
/// Builds the <c>k8s.v1.cni.cncf.io/network-status</c> entries of one attachment from its CNI result, and reads and
/// writes the annotation (NPWG spec §5, shaped as the Go client writes it since Kubernetes tooling reads that).
/// </summary>
public static class NetworkStatusBuilder
{
    /// <summary>The status annotation.</summary>
    public const string AnnotationKey = "k8s.v1.cni.cncf.io/network-status";

    /// <summary>
    /// One entry per interface inside the pod (an interface with a non-empty <c>sandbox</c>). IPs go to the entry of
    /// the interface their <c>interface</c> index points at; IPs without a usable index go to the last entry, IPs of
    /// host interfaces nowhere. When the result has no pod interface, one entry named
    /// <paramref name="fallbackIfName"/> carries every IP. For the default network, <c>default</c> is set on the
    /// interface of the first IP with both a gateway and an interface, else on the first entry.
    /// </summary>
    public static IReadOnlyList<NetworkStatus> FromResult(
        CniResult result, string networkName, bool isDefault, JsonObject? deviceInfo, string? fallbackIfName)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(networkName);
        var shared = new NetworkStatus
        {
            Name = networkName,
            Dns = ToDns(result.Dns),
            Gateway = DefaultGateways(result.Routes),
            DeviceInfo = deviceInfo,
        };

        List<int> sandboxed = [];
        for (int i = 0; i < result.Interfaces.Count; i++)
        {
            if (!string.IsNullOrEmpty(result.Interfaces[i].Sandbox))
            {
                sandboxed.Add(i);
            }
        }

        if (sandboxed.Count == 0)
        {
            return
            [
                shared with
                {
                    Interface = string.IsNullOrEmpty(fallbackIfName) ? null : fallbackIfName,
                    Ips = result.Ips.Select(ip => BareAddress(ip.Address)).ToList(),
                    Default = isDefault,
                },
            ];
        }

        var ips = sandboxed.Select(_ => new List<string>()).ToList();
        foreach (ResultIp ip in result.Ips)
        {
            int slot = ip.Interface is { } index && index >= 0 && index < result.Interfaces.Count
                ? sandboxed.IndexOf(index)
                : sandboxed.Count - 1;
            if (slot >= 0)
            {
                ips[slot].Add(BareAddress(ip.Address));
            }
        }

        int defaultSlot = isDefault ? DefaultSlot(result, sandboxed) : -1;
        return sandboxed.Select((index, slot) =>
        {
            ResultInterface iface = result.Interfaces[index];
            return shared with
            {
                Interface = iface.Name,
                Ips = ips[slot],
                Mac = string.IsNullOrEmpty(iface.Mac) ? null : iface.Mac,
                Mtu = iface.Mtu is > 0 and <= int.MaxValue ? (int)iface.Mtu.Value : null,
                Default = slot == defaultSlot,
            };
        }).ToList();
    }

    /// <summary>The annotation value: a compact JSON array, keys in the Go client's order, empty values left out.</summary>
    public static string ToAnnotation(IEnumerable<NetworkStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return NetworkStatusJsonWriter.Write(statuses);
    }

    /// <summary>
    /// Reads an annotation value written by MultiNet, Multus or the Go client; unknown keys are ignored. Malformed
    /// JSON or a field of the wrong type is <see cref="Cni.Protocol.CniErrorCode.DecodeFailure"/>.
    /// </summary>
    public static IReadOnlyList<NetworkStatus> FromAnnotation(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return NetworkStatusJsonReader.Read(json);
    }

    private static int DefaultSlot(CniResult result, List<int> sandboxed)
    {
        ResultIp? first = result.Ips.FirstOrDefault(ip => !string.IsNullOrEmpty(ip.Gateway) && ip.Interface is not null);
        int slot = first?.Interface is { } index ? sandboxed.IndexOf(index) : -1;
        return slot >= 0 ? slot : 0;
    }

    private static string BareAddress(string cidr)
    {
        int slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? cidr[..slash] : cidr;
    }

    // A default route is any route with prefix length 0 (0.0.0.0/0, ::/0); its gateway is what the pod routes through.
    private static List<string>? DefaultGateways(IReadOnlyList<ResultRoute> routes)
    {
        List<string> gateways = routes
            .Where(r => !string.IsNullOrEmpty(r.Gw) && IsDefaultDestination(r.Dst))
            .Select(r => r.Gw!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return gateways.Count > 0 ? gateways : null;
    }

    private static bool IsDefaultDestination(string dst)
    {
        int slash = dst.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && dst[(slash + 1)..] == "0" && AddressSyntax.ParseIp(dst[..slash]) is not null;
    }

    private static NetworkStatusDns? ToDns(ResultDns? dns)
    {
        if (dns is null)
        {
            return null;
        }

        var converted = new NetworkStatusDns
        {
            Nameservers = dns.Nameservers,
            Domain = string.IsNullOrEmpty(dns.Domain) ? null : dns.Domain,
            Search = dns.Search,
            Options = dns.Options,
        };
        return converted.IsEmpty ? null : converted;
    }
}
