using System.Text.Json.Nodes;
using MultiNet.Cni.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Results;

/// <summary>Reads a result of any version into the hub, taking only the fields that version's shape has.</summary>
internal static class ResultReader
{
    private static readonly JsonFieldReader F = new("result", CniErrorCode.DecodeFailure);

    public static CniResult Read(JsonObject obj, string version, ResultShape shape) => shape.Legacy
        ? ReadLegacy(obj, version, shape)
        : new CniResult
        {
            CniVersion = version,
            Interfaces = [.. F.Objects(obj, "interfaces", "interfaces").Select(e => ReadInterface(e.Item, e.Path, shape))],
            Ips = [.. F.Objects(obj, "ips", "ips").Select(e => ReadIp(e.Item, e.Path, shape))],
            Routes = [.. F.Objects(obj, "routes", "routes").Select(e => ReadRoute(e.Item, e.Path, shape))],
            Dns = ReadDns(obj),
        };

    private static CniResult ReadLegacy(JsonObject obj, string version, ResultShape shape)
    {
        var ips = new List<ResultIp>();
        var routes = new List<ResultRoute>();
        foreach (var family in (ReadOnlySpan<string>)["ip4", "ip6"])
        {
            if (F.Object(obj, family, family) is not { } config)
            {
                continue;
            }

            ips.Add(new ResultIp
            {
                Address = Cidr(config, "ip", $"{family}.ip"),
                Gateway = Ip(config, "gateway", $"{family}.gateway"),
            });
            routes.AddRange(F.Objects(config, "routes", $"{family}.routes")
                .Select(e => ReadRoute(e.Item, e.Path, shape)));
        }

        return new CniResult { CniVersion = version, Ips = ips, Routes = routes, Dns = ReadDns(obj) };
    }

    private static ResultInterface ReadInterface(JsonObject obj, string path, ResultShape shape) => new()
    {
        Name = F.String(obj, "name", $"{path}.name") ?? string.Empty,
        Mac = NonEmpty(F.String(obj, "mac", $"{path}.mac")),
        Sandbox = NonEmpty(F.String(obj, "sandbox", $"{path}.sandbox")),
        Mtu = shape.V11Fields ? NonZero(F.UInt(obj, "mtu", $"{path}.mtu")) : null,
        SocketPath = shape.V11Fields ? NonEmpty(F.String(obj, "socketPath", $"{path}.socketPath")) : null,
        PciId = shape.V11Fields ? NonEmpty(F.String(obj, "pciID", $"{path}.pciID")) : null,
    };

    private static ResultIp ReadIp(JsonObject obj, string path, ResultShape shape)
    {
        var address = Cidr(obj, "address", $"{path}.address");
        if (shape.IpVersion && F.String(obj, "version", $"{path}.version") is { } v && v is not ("4" or "6"))
        {
            throw F.Error($"{path}.version", $"must be \"4\" or \"6\", got \"{v}\"");
        }

        return new ResultIp
        {
            Address = address,
            Gateway = Ip(obj, "gateway", $"{path}.gateway"),
            Interface = F.Int(obj, "interface", $"{path}.interface"),
        };
    }

    private static ResultRoute ReadRoute(JsonObject obj, string path, ResultShape shape) => new()
    {
        Dst = Cidr(obj, "dst", $"{path}.dst"),
        Gw = Ip(obj, "gw", $"{path}.gw"),
        Mtu = shape.V11Fields ? NonZero(F.UInt(obj, "mtu", $"{path}.mtu")) : null,
        AdvMss = shape.V11Fields ? NonZero(F.UInt(obj, "advmss", $"{path}.advmss")) : null,
        Priority = shape.V11Fields ? NonZero(F.UInt(obj, "priority", $"{path}.priority")) : null,
        Table = shape.V11Fields ? F.UInt(obj, "table", $"{path}.table") : null,
        Scope = shape.V11Fields ? F.UInt(obj, "scope", $"{path}.scope") : null,
    };

    private static ResultDns? ReadDns(JsonObject obj)
    {
        if (F.Object(obj, "dns", "dns") is not { } dns)
        {
            return null;
        }

        var result = new ResultDns
        {
            Nameservers = F.Strings(dns, "nameservers", "dns.nameservers"),
            Domain = NonEmpty(F.String(dns, "domain", "dns.domain")),
            Search = F.Strings(dns, "search", "dns.search"),
            Options = F.Strings(dns, "options", "dns.options"),
        };
        return ResultWriter.IsEmpty(result) ? null : result;
    }

    private static string Cidr(JsonObject obj, string name, string path)
    {
        var text = F.String(obj, name, path) ?? throw F.Error(path, "is missing");
        return IpText.IsCidr(text) ? text : throw F.Error(path, $"\"{text}\" is not a valid CIDR address");
    }

    private static string? Ip(JsonObject obj, string name, string path)
    {
        var text = NonEmpty(F.String(obj, name, path));
        return text is null || IpText.IsIp(text) ? text : throw F.Error(path, $"\"{text}\" is not a valid IP address");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static uint? NonZero(uint? v) => v is 0 ? null : v;
}
