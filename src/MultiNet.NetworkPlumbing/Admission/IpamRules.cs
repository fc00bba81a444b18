using System.Net;
using System.Text.Json.Nodes;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// IPAM sanity where it can be judged without the node: the addresses, subnets and routes of <c>host-local</c>,
/// <c>static</c> and <c>whereabouts</c> parse, ranges lie inside their subnets and do not overlap.
/// </summary>
internal static class IpamRules
{
    /// <summary>Checks <c>plugin.ipam</c>; <paramref name="path"/> is the plugin's path (e.g. <c>spec.config.plugins[0]</c>).</summary>
    public static void Check(JsonObject plugin, string path, FindingList findings)
    {
        JsonNode? node = plugin["ipam"];
        if (node is null)
        {
            return;
        }

        path += ".ipam";
        if (node is not JsonObject ipam)
        {
            findings.Error(path, RuleReasons.InvalidIpam, $"expected an object (e.g. {{\"type\": \"host-local\", ...}}), got {ConfigNodes.Kind(node)}");
            return;
        }

        string? type = ConfigNodes.String(ipam, "type", path, RuleReasons.InvalidIpam, findings);
        switch (type)
        {
            case "host-local":
                HostLocalRanges.Check(ipam, path, DeclaresIpRanges(plugin), findings);
                break;
            case "static":
                CheckStatic(ipam, path, findings);
                break;
            case "whereabouts":
                WhereaboutsRanges.Check(ipam, path, findings);
                break;
            default:
                return;
        }

        CheckRoutes(ipam, path, findings);
    }

    /// <summary>Parses an address at <c>path.key</c>; records an error and returns null when it is not one.</summary>
    public static IPAddress? Address(JsonObject parent, string key, string path, FindingList findings)
    {
        string? text = ConfigNodes.String(parent, key, path, RuleReasons.InvalidIpamAddress, findings);
        if (text is null)
        {
            return null;
        }

        if (AddressSyntax.ParseIp(text) is { } ip)
        {
            return ip;
        }

        findings.Error($"{path}.{key}", RuleReasons.InvalidIpamAddress, $"{QuotedValue.Of(text)} is not an IP address (e.g. \"10.1.0.1\" or \"fd00::1\")");
        return null;
    }

    /// <summary>Parses a CIDR at <c>path.key</c>; records an error and returns null when it is not one.</summary>
    public static IpPrefix? Prefix(JsonObject parent, string key, string path, FindingList findings)
    {
        string? text = ConfigNodes.String(parent, key, path, RuleReasons.InvalidIpamAddress, findings);
        return text is null ? null : Prefix(text, $"{path}.{key}", findings);
    }

    /// <summary>Parses <paramref name="text"/> as a CIDR; records an error at <paramref name="field"/> when it is not one.</summary>
    public static IpPrefix? Prefix(string text, string field, FindingList findings)
    {
        if (IpPrefix.Parse(text) is { } prefix)
        {
            return prefix;
        }

        findings.Error(field, RuleReasons.InvalidIpamAddress, $"{QuotedValue.Of(text)} is not a CIDR (address/prefix-length, e.g. \"10.1.0.0/24\")");
        return null;
    }

    /// <summary>An error when <paramref name="address"/> is outside <paramref name="subnet"/>.</summary>
    public static void RequireInside(IpPrefix subnet, IPAddress? address, string field, FindingList findings)
    {
        if (address is not null && !subnet.Contains(address))
        {
            findings.Error(field, RuleReasons.IpamAddressOutsideSubnet,
                $"\"{address}\" is outside the subnet \"{subnet.NetworkText()}\"; pick an address inside it or widen the subnet");
        }
    }

    /// <summary>A warning when the gateway is outside <paramref name="subnet"/>: the route to it will not resolve.</summary>
    public static void WarnGatewayOutside(IpPrefix subnet, IPAddress? gateway, string field, FindingList findings)
    {
        if (gateway is not null && !subnet.Contains(gateway))
        {
            findings.Warning(field, RuleReasons.IpamGatewayOutsideSubnet,
                $"gateway \"{gateway}\" is outside the subnet \"{subnet.NetworkText()}\", so the pod cannot reach it directly; use an address inside the subnet");
        }
    }

    private static bool DeclaresIpRanges(JsonObject plugin) =>
        plugin["capabilities"] is JsonObject caps && caps["ipRanges"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;

    private static void CheckStatic(JsonObject ipam, string path, FindingList findings)
    {
        foreach ((string at, JsonObject entry) in ConfigNodes.Entries(
            ipam, "addresses", path, "{\"address\": \"10.1.0.5/24\"}", "address", "an address with its prefix length, e.g. \"10.1.0.5/24\"", findings))
        {
            IpPrefix? address = Prefix(entry, "address", at, findings);
            IPAddress? gateway = Address(entry, "gateway", at, findings);
            if (address is { } a)
            {
                WarnGatewayOutside(a, gateway, $"{at}.gateway", findings);
            }
        }
    }

    private static void CheckRoutes(JsonObject ipam, string path, FindingList findings)
    {
        foreach ((string at, JsonObject route) in ConfigNodes.Entries(
            ipam, "routes", path, "{\"dst\": \"0.0.0.0/0\"}", "dst", "the destination CIDR, e.g. \"0.0.0.0/0\"", findings))
        {
            _ = Prefix(route, "dst", at, findings);
            _ = Address(route, "gw", at, findings);
        }
    }
}
