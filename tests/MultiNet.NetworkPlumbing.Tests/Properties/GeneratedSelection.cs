using System.Text.Json.Nodes;
using CsCheck;

namespace MultiNet.NetworkPlumbing.Tests.Properties;

/// <summary>A valid selection element as generated, and its text and JSON forms (the tests' own writer).</summary>
internal sealed record GeneratedSelection(string? Namespace, string Name, string? Interface, string[] Ips, string? Mac,
    string[]? DefaultRoute, (int Host, int Container, string Protocol)[] Ports, long? IngressRate)
{
    /// <summary>Lists of 1 to 5 valid elements; interfaces are unique and only the first element may carry a default route.</summary>
    public static readonly Gen<GeneratedSelection[]> List = Gen.Select(One(mayRoute: true), One(mayRoute: false).Array[0, 4],
        (first, rest) => new[] { first }.Concat(rest)
            .Select((e, i) => e with { Interface = e.Interface is null ? null : $"n{i}{e.Interface}" })
            .ToArray());

    /// <summary>Lists whose elements only use what the text form can say: namespace, name, interface.</summary>
    public static readonly Gen<GeneratedSelection[]> TextList = List.Select(l =>
        l.Select(e => e with { Ips = [], Mac = null, DefaultRoute = null, Ports = [], IngressRate = null }).ToArray());

    private static Gen<GeneratedSelection> One(bool mayRoute) =>
        Gen.Select(Generators.Label.Null(), Generators.Label, Generators.Label.Null(), Gen.OneOf(Generators.Ipv4Cidr, Generators.Ipv6).Array[0, 3],
            Generators.Mac.Null(), Generators.Ipv4.Null(),
            Gen.Select(Gen.Int[1, 65535], Gen.Int[1, 65535], Gen.OneOf("tcp", "udp", "sctp")).Array[0, 2], Gen.Long[0, 1_000_000_000])
            .Select(t => new GeneratedSelection(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5,
                mayRoute && t.Item6 is { } gateway ? [gateway] : null, t.Item7, t.Item8 == 0 ? null : t.Item8));

    public string Text => (Namespace is null ? "" : Namespace + "/") + Name + (Interface is null ? "" : "@" + Interface);

    public JsonObject Json()
    {
        var o = new JsonObject { ["name"] = Name };
        Set(o, "namespace", Namespace);
        Set(o, "interface", Interface);
        Set(o, "mac", Mac);
        if (Ips.Length > 0)
        {
            o["ips"] = new JsonArray([.. Ips.Select(i => (JsonNode)i)]);
        }

        if (DefaultRoute is not null)
        {
            o["default-route"] = new JsonArray([.. DefaultRoute.Select(i => (JsonNode)i)]);
        }

        if (Ports.Length > 0)
        {
            o["portMappings"] = new JsonArray([.. Ports.Select(p => (JsonNode)new JsonObject
            {
                ["hostPort"] = p.Host, ["containerPort"] = p.Container, ["protocol"] = p.Protocol,
            })]);
        }

        if (IngressRate is { } rate)
        {
            o["bandwidth"] = new JsonObject { ["ingressRate"] = rate, ["ingressBurst"] = rate };
        }

        return o;
    }

    private static void Set(JsonObject o, string key, string? value)
    {
        if (value is not null)
        {
            o[key] = value;
        }
    }
}
