namespace MultiNet.Plugin.Tests.Integration;

/// <summary>More bad selections: the text form's syntax, JSON fields of the wrong kind, values out of range, the default network.</summary>
internal static partial class BadInputCases
{
    private const string DefaultNetwork = "v1.multus-cni.io/default-network";

    private static void AddSelectionCases(Dictionary<string, BadInputCase> cases)
    {
        cases["annotation: a bare number is a network name"] = Selected(100, "5", "\"team-a/5\"", "not found");
        cases["annotation: JSON element that is a string"] = Annotation("""["net-a"]""", "network 1", "object");
        cases["annotation: JSON element that is null"] = Annotation("""[null]""", "network 1", "object");
        cases["annotation: name of the wrong type"] = Annotation("""[{"name": 5}]""", "\"name\"");
        cases["annotation: name empty"] = Annotation("""[{"name": ""}]""", "\"name\"");
        cases["annotation: name with a NUL"] = Annotation("""[{"name": "net-a\u0000x"}]""", "\"name\"");
        cases["annotation: name over 63 characters"] = Annotation(new string('n', 64), "\"name\"", new string('n', 64));
        cases["annotation: namespace field of the wrong type"] = Annotation("""[{"name": "net-a", "namespace": ["a"]}]""", "\"net-a\"", "\"namespace\"");
        cases["annotation: namespace not a DNS label"] = Annotation("Other_NS/net-a", "\"namespace\"", "Other_NS");
        cases["annotation: namespace empty in the text form"] = Annotation("/net-a", "\"namespace\"", "empty");
        cases["annotation: two slashes"] = Annotation("a/b/c", "a/b/c");
        cases["annotation: @ without an interface"] = Annotation("net-a@", "\"interface\"", "empty");
        cases["annotation: two @"] = Annotation("net-a@x0@x1", "net-a@x0@x1");
        cases["annotation: interface of the wrong type"] = Annotation("""[{"name": "net-a", "interface": 5}]""", "\"net-a\"", "\"interface\"");
        cases["annotation: interface with a space"] = Annotation("""[{"name": "net-a", "interface": "eth 1"}]""", "\"net-a\"", "\"interface\"", "eth 1");
        cases["annotation: interface \".\""] = Annotation("""[{"name": "net-a", "interface": "."}]""", "\"net-a\"", "\"interface\"");
        cases["annotation: mac of the wrong type"] = Annotation("""[{"name": "net-a", "mac": 2}]""", "\"net-a\"", "\"mac\"");
        cases["annotation: ips element of the wrong type"] = Annotation("""[{"name": "net-a", "ips": [7]}]""", "\"net-a\"", "ips[0]");
        cases["annotation: cni-args not an object"] = Annotation("""[{"name": "net-a", "cni-args": "x=y"}]""", "\"net-a\"", "\"cni-args\"");
        cases["annotation: default-route not an IP"] = Annotation("""[{"name": "net-a", "default-route": ["gateway"]}]""", "\"net-a\"", "default-route", "gateway");
        cases["annotation: default-route not an array"] = Annotation("""[{"name": "net-a", "default-route": "198.18.162.1"}]""", "\"net-a\"", "default-route");
        cases["annotation: port protocol unknown"] = Annotation(
            """[{"name": "net-a", "portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcpx"}]}]""", "\"net-a\"", "portMappings", "tcpx");
        cases["annotation: container port 0"] = Annotation(
            """[{"name": "net-a", "portMappings": [{"hostPort": 8080, "containerPort": 0, "protocol": "tcp"}]}]""", "\"net-a\"", "portMappings");
        cases["annotation: negative bandwidth"] = Annotation("""[{"name": "net-a", "bandwidth": {"ingressRate": -1, "ingressBurst": 1000}}]""", "\"net-a\"", "bandwidth");
        cases["annotation: infiniband-guid of the wrong type"] = Annotation("""[{"name": "net-a", "infiniband-guid": 12}]""", "\"net-a\"", "infiniband-guid");
        cases["interface: \"lo\" already in the namespace"] = Selected(105, "net-a@lo", "\"team-a/net-a\"", "\"lo\"", "already exists");
        cases["default network: malformed annotation"] = DefaultNetworkCase(101, "a/b/c", DefaultNetwork, "a/b/c");
        cases["default network: JSON with two elements"] = DefaultNetworkCase(101,
            """[{"name": "net-a"}, {"name": "net-b"}]""", DefaultNetwork);
        cases["default network: NAD missing"] = DefaultNetworkCase(100, "ghost-default", "ghost-default\"", "not found");
    }

    /// <summary>The pod overrides its cluster network with <paramref name="annotation"/>; it selects nothing else.</summary>
    private static BadInputCase DefaultNetworkCase(int code, string annotation, params string[] parts) =>
        new(code, parts, h =>
        {
            ArrangeNads(h);
            h.AddPod(null, new Dictionary<string, string> { [DefaultNetwork] = annotation });
        });
}
