using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// The bad inputs of the issue, by name: the pod's annotation, interface names and capabilities (this file), NADs,
/// the plugin's own config, delegates and the CNI environment (<c>BadInputCases.Delegates.cs</c>).
/// </summary>
internal static partial class BadInputCases
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    public static IReadOnlyDictionary<string, BadInputCase> All { get; } = Build();

    private static Dictionary<string, BadInputCase> Build()
    {
        var cases = new Dictionary<string, BadInputCase>(StringComparer.Ordinal)
        {
            ["annotation: malformed JSON"] = Annotation("""[{"name": "net-a" """, "invalid JSON"),
            ["annotation: JSON that is not an array"] = Annotation("""{"name": "net-a"}""", "array"),
            ["annotation: unknown field"] = Annotation("""[{"name": "net-a", "interfce": "x0"}]""", "\"net-a\"", "\"interfce\""),
            ["annotation: field of the wrong type"] = Annotation("""[{"name": "net-a", "ips": "198.18.162.10/24"}]""", "\"net-a\"", "\"ips\""),
            ["annotation: element without a name"] = Annotation("""[{"interface": "x0"}]""", "\"name\"", "required"),
            ["annotation: key given twice"] = Annotation("""[{"name": "net-a", "mac": "02:00:00:00:00:01", "mac": "02:00:00:00:00:02"}]""", "mac"),
            ["annotation: bad IP"] = Annotation("""[{"name": "net-a", "ips": ["198.18.162.300/24"]}]""", "\"net-a\"", "ips[0]", "198.18.162.300/24"),
            ["annotation: bad MAC"] = Annotation("""[{"name": "net-a", "mac": "zz:1"}]""", "\"net-a\"", "\"mac\"", "zz:1"),
            ["annotation: bad infiniband GUID"] = Annotation("""[{"name": "net-a", "infiniband-guid": "not-a-guid"}]""", "\"net-a\"", "infiniband-guid", "not-a-guid"),
            ["annotation: bad port"] = Annotation("""[{"name": "net-a", "portMappings": [{"hostPort": 70000, "containerPort": 80, "protocol": "tcp"}]}]""", "\"net-a\"", "portMappings"),
            ["annotation: default-route with a prefix"] = Annotation("""[{"name": "net-a", "default-route": ["198.18.162.0/24"]}]""", "\"net-a\"", "default-route"),
            ["annotation: ifname over 15 characters"] = Annotation("net-a@abcdefghijklmnop", "\"interface\"", "abcdefghijklmnop"),
            ["annotation: ifname with a slash"] = Annotation("""[{"name": "net-a", "interface": "eth/0"}]""", "\"net-a\"", "\"interface\"", "eth/0"),
            ["annotation: name that is not a DNS label"] = Annotation("Net_A", "\"name\"", "Net_A"),
            ["annotation: empty item"] = Annotation("net-a,,net-b", "\"name\"", "empty"),
            ["annotation: two IPv4 default routes on two networks"] = Annotation(
                """[{"name": "net-a", "default-route": ["198.18.162.1"]}, {"name": "net-b", "default-route": ["198.18.163.1"]}]""",
                "\"net-a\"", "\"net-b\"", "default-route"),
            ["annotation: two IPv4 default routes on one network"] = Annotation(
                """[{"name": "net-a", "default-route": ["198.18.162.1", "198.18.162.2"]}]""", "\"net-a\"", "default-route"),
            ["interface: the cluster network's name"] = Selected(105, "net-a@eth0", "\"team-a/net-a\"", "\"eth0\""),
            ["interface: requested twice"] = Selected(105, "net-a@data0, net-b@data0", "\"net-a\"", "\"net-b\"", "\"data0\""),
            ["interface: already in the namespace"] = Selected(105, "net-a@data0", "\"team-a/net-a\"", "\"data0\"", "already exists") with
            {
                Arrange = h =>
                {
                    Shell.Check("ip", "-n", h.Node.NetnsName, "link", "add", "data0", "type", "veth", "peer", "name", "data0p");
                    ArrangeNads(h);
                    h.AddPod("net-a@data0");
                },
                Cleanup = h => Shell.Check("ip", "-n", h.Node.NetnsName, "link", "del", "data0"),
            },
            ["capability: ips not declared"] = Selected(107, """[{"name": "net-a", "ips": ["198.18.162.10/24"]}]""", "\"team-a/net-a\"", "\"ips\""),
            ["capability: portMappings not declared"] = Selected(107,
                """[{"name": "net-a", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]}]""",
                "\"team-a/net-a\"", "\"portMappings\""),
            ["capability: bandwidth not declared"] = Selected(107, """[{"name": "net-a", "bandwidth": {"ingressRate": 1000, "ingressBurst": 1000}}]""",
                "\"team-a/net-a\"", "\"bandwidth\""),
        };
        AddDefinitionCases(cases);
        AddConfigCases(cases);
        AddDelegateCases(cases);
        AddEnvironmentCases(cases);
        AddSelectionCases(cases);
        AddArgumentCases(cases);
        AddMoreDefinitionCases(cases);
        return cases;
    }

    private static void ArrangeNads(ThinModeHarness h)
    {
        h.AddNad("net-a", h.Macvlan("198.18.162.0/24"));
        h.AddNad("net-b", h.Macvlan("198.18.163.0/24"));
    }

    /// <summary>Valid NADs net-a and net-b, the pod selecting them with <paramref name="annotation"/>: code 101.</summary>
    private static BadInputCase Annotation(string annotation, params string[] parts) =>
        Selected(101, annotation, [Networks, .. parts]);

    private static BadInputCase Selected(int code, string annotation, params string[] parts) =>
        new(code, parts, h =>
        {
            ArrangeNads(h);
            h.AddPod(annotation);
        });

    /// <summary>A NAD named <paramref name="nad"/> with <paramref name="config"/> (raw spec.config) that the pod selects.</summary>
    private static BadInputCase Definition(int code, string nad, string? config, params string[] parts) =>
        new(code, [$"\"team-a/{nad}\"", .. parts], h =>
        {
            h.Api.AddNad(h.PodNamespace, nad, config);
            h.AddPod(nad);
        });

    private static JsonObject Conf(string json) => JsonNode.Parse(json)!.AsObject();
}
