using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Results;

/// <summary>
/// Writes the hub in one version's shape, omitting null and empty fields the way the Go library does
/// (empty <c>interfaces</c>/<c>ips</c>/<c>routes</c>/<c>dns</c>, null <c>ips[].interface</c>).
/// </summary>
internal static class ResultWriter
{
    public static JsonObject Write(CniResult result, string version, ResultShape shape)
    {
        var obj = new JsonObject { ["cniVersion"] = version };
        if (shape.Legacy)
        {
            WriteLegacy(result, obj);
        }
        else
        {
            AddArray(obj, "interfaces", result.Interfaces, i => WriteInterface(i, shape));
            AddArray(obj, "ips", result.Ips, ip => WriteIp(ip, shape));
            AddArray(obj, "routes", result.Routes, r => WriteRoute(r, shape));
        }

        if (result.Dns is { } dns && !IsEmpty(dns))
        {
            obj["dns"] = WriteDns(dns);
        }

        return obj;
    }

    public static bool IsEmpty(ResultDns dns) =>
        dns.Nameservers.Count == 0 && string.IsNullOrEmpty(dns.Domain) && dns.Search.Count == 0 && dns.Options.Count == 0;

    // 0.1.0/0.2.0 hold one address per family: the first of each, with the routes of that family.
    private static void WriteLegacy(CniResult result, JsonObject obj)
    {
        var ip4 = result.Ips.FirstOrDefault(ip => !IpText.IsV6(ip.Address));
        var ip6 = result.Ips.FirstOrDefault(ip => IpText.IsV6(ip.Address));
        if (ip4 is null && ip6 is null)
        {
            throw new CniException(CniErrorCode.IncompatibleVersion, "cannot convert: no valid IP addresses");
        }

        if (ip4 is not null)
        {
            obj["ip4"] = WriteLegacyIp(ip4, result.Routes.Where(r => !IpText.IsV6(r.Dst)));
        }

        if (ip6 is not null)
        {
            obj["ip6"] = WriteLegacyIp(ip6, result.Routes.Where(r => IpText.IsV6(r.Dst)));
        }
    }

    private static JsonObject WriteLegacyIp(ResultIp ip, IEnumerable<ResultRoute> routes)
    {
        var obj = new JsonObject { ["ip"] = ip.Address };
        AddString(obj, "gateway", ip.Gateway);
        AddArray(obj, "routes", routes.ToList(), r => WriteRoute(r, ResultShapes.LegacyShape));
        return obj;
    }

    private static JsonObject WriteInterface(ResultInterface i, ResultShape shape)
    {
        var obj = new JsonObject { ["name"] = i.Name };
        AddString(obj, "mac", i.Mac);
        if (shape.V11Fields && i.Mtu is { } mtu and not 0)
        {
            obj["mtu"] = mtu;
        }

        AddString(obj, "sandbox", i.Sandbox);
        if (shape.V11Fields)
        {
            AddString(obj, "socketPath", i.SocketPath);
            AddString(obj, "pciID", i.PciId);
        }

        return obj;
    }

    private static JsonObject WriteIp(ResultIp ip, ResultShape shape)
    {
        var obj = new JsonObject();
        if (shape.IpVersion)
        {
            obj["version"] = IpText.IsV6(ip.Address) ? "6" : "4";
        }

        if (ip.Interface is { } index)
        {
            obj["interface"] = index;
        }

        obj["address"] = ip.Address;
        AddString(obj, "gateway", ip.Gateway);
        return obj;
    }

    private static JsonObject WriteRoute(ResultRoute r, ResultShape shape)
    {
        var obj = new JsonObject { ["dst"] = r.Dst };
        AddString(obj, "gw", r.Gw);
        if (shape.V11Fields)
        {
            AddUInt(obj, "mtu", r.Mtu is 0 ? null : r.Mtu);
            AddUInt(obj, "advmss", r.AdvMss is 0 ? null : r.AdvMss);
            AddUInt(obj, "priority", r.Priority is 0 ? null : r.Priority);
            AddUInt(obj, "table", r.Table);
            AddUInt(obj, "scope", r.Scope);
        }

        return obj;
    }

    private static JsonObject WriteDns(ResultDns dns)
    {
        var obj = new JsonObject();
        AddArray(obj, "nameservers", dns.Nameservers, s => JsonValue.Create(s));
        AddString(obj, "domain", dns.Domain);
        AddArray(obj, "search", dns.Search, s => JsonValue.Create(s));
        AddArray(obj, "options", dns.Options, s => JsonValue.Create(s));
        return obj;
    }

    private static void AddArray<T>(JsonObject obj, string name, IReadOnlyList<T> items, Func<T, JsonNode?> write)
    {
        if (items.Count > 0)
        {
            obj[name] = new JsonArray([.. items.Select(write)]);
        }
    }

    private static void AddString(JsonObject obj, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[name] = value;
        }
    }

    private static void AddUInt(JsonObject obj, string name, uint? value)
    {
        if (value is { } v)
        {
            obj[name] = v;
        }
    }
}
