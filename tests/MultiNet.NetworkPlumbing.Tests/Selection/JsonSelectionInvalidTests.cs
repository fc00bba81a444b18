using FluentAssertions;
using Xunit;
using static MultiNet.NetworkPlumbing.Tests.Selection.SelectionAssertions;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class JsonSelectionInvalidTests
{
    // Each case: the keys added after "name":"net-b" in the second element, the field the message must name, and
    // a fragment of the problem.
    public static TheoryData<string, string, string> BadFields => new()
    {
        { "\"namespace\": \"Bad\"", "namespace", "\"Bad\" is not a DNS-1123 label" },
        { "\"namespace\": 5", "namespace", "expected a string, got a number" },
        { "\"namespace\": \"" + new string('n', 64) + "\"", "namespace", "longer than 63" },
        { "\"interface\": \"1234567890123456\"", "interface", "longer than 15 bytes" },
        { "\"interface\": \"eth/1\"", "interface", "contains '/'" },
        { "\"interface\": \"eth:1\"", "interface", "contains ':'" },
        { "\"interface\": \"eth 1\"", "interface", "whitespace" },
        { "\"interface\": \".\"", "interface", "\".\" or \"..\"" },
        { "\"interface\": [\"eth1\"]", "interface", "expected a string, got an array" },
        { "\"interfaceRequest\": \"a/b\"", "interfaceRequest", "contains '/'" },
        { "\"ips\": \"10.1.1.1\"", "ips", "expected an array of strings, got a string" },
        { "\"ips\": [10]", "ips[0]", "expected a string, got a number" },
        { "\"ips\": [\"10.1.1.1\", \"zz\"]", "ips[1]", "\"zz\" is not a valid IP address or CIDR" },
        { "\"ips\": [\"10.1.1.1/33\"]", "ips[0]", "invalid prefix length (0-32)" },
        { "\"ips\": [\"2001:db8::1/129\"]", "ips[0]", "invalid prefix length (0-128)" },
        { "\"ips\": [\"10.1.1.1/\"]", "ips[0]", "invalid prefix length" },
        { "\"ips\": [\"10.1.1.1/-1\"]", "ips[0]", "invalid prefix length" },
        { "\"ips\": [\"10.1.1.1/024\"]", "ips[0]", "invalid prefix length" },
        { "\"ips\": [\"10.1.1\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"10.1.1.256\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"010.1.1.1\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"1\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"fe80::1%eth0\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"[::1]\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\"1::2::3\"]", "ips[0]", "not a valid IP" },
        { "\"ips\": [\" 10.1.1.1\"]", "ips[0]", "not a valid IP" },
        { "\"mac\": \"zz\"", "mac", "\"zz\" is not a valid MAC address" },
        { "\"mac\": \"c2:11:22:33:44\"", "mac", "not a valid MAC address" },
        { "\"mac\": \"c2:11:22:33:44:55:66\"", "mac", "not a valid MAC address" },
        { "\"mac\": \"c2:11-22:33:44:55\"", "mac", "not a valid MAC address" },
        { "\"mac\": \"c211.2233.4455\"", "mac", "not a valid MAC address" },
        { "\"mac\": \"g2:11:22:33:44:55\"", "mac", "not a valid MAC address" },
        { "\"mac\": 12", "mac", "expected a string, got a number" },
        { "\"infiniband-guid\": \"c2:11:22:33:44:55\"", "infiniband-guid", "not a valid InfiniBand GUID" },
        { "\"infiniband-guid\": \"c2-11-22-33-44-55-66-77\"", "infiniband-guid", "not a valid InfiniBand GUID" },
        { "\"infiniband-guid\": true", "infiniband-guid", "expected a string, got a boolean" },
        { "\"default-route\": \"10.1.1.1\"", "default-route", "expected an array of strings" },
        { "\"default-route\": [\"10.1.1.1/24\"]", "default-route[0]", "no prefix length allowed" },
        { "\"default-route\": [\"gateway\"]", "default-route[0]", "not a valid IP address" },
        { "\"portMappings\": {\"hostPort\": 80}", "portMappings", "expected an array of objects, got an object" },
        { "\"portMappings\": [80]", "portMappings[0]", "expected an object, got a number" },
        { "\"portMappings\": [{\"containerPort\": 80}]", "portMappings[0].hostPort", "is required" },
        { "\"portMappings\": [{\"hostPort\": 80}]", "portMappings[0].containerPort", "is required" },
        { "\"portMappings\": [{\"hostPort\": 0, \"containerPort\": 80}]", "portMappings[0].hostPort", "0 is out of range (1-65535)" },
        { "\"portMappings\": [{\"hostPort\": 80, \"containerPort\": 65536}]", "portMappings[0].containerPort", "65536 is out of range" },
        { "\"portMappings\": [{\"hostPort\": -1, \"containerPort\": 80}]", "portMappings[0].hostPort", "out of range" },
        { "\"portMappings\": [{\"hostPort\": \"80\", \"containerPort\": 80}]", "portMappings[0].hostPort", "expected an integer, got a string" },
        { "\"portMappings\": [{\"hostPort\": 80.5, \"containerPort\": 80}]", "portMappings[0].hostPort", "80.5 is not an integer" },
        { "\"portMappings\": [{\"hostPort\": 1e2, \"containerPort\": 80}]", "portMappings[0].hostPort", "is not an integer" },
        { "\"portMappings\": [{\"hostPort\": 99999999999999999999, \"containerPort\": 80}]", "portMappings[0].hostPort", "is not an integer" },
        { "\"portMappings\": [{\"hostPort\": 80, \"containerPort\": 80, \"protocol\": \"icmp\"}]", "portMappings[0].protocol", "\"icmp\" is not a protocol" },
        { "\"portMappings\": [{\"hostPort\": 80, \"containerPort\": 80, \"protocol\": 6}]", "portMappings[0].protocol", "expected a string" },
        { "\"portMappings\": [{\"hostPort\": 80, \"containerPort\": 80, \"hostIP\": \"host\"}]", "portMappings[0].hostIP", "not a valid IP address" },
        { "\"portMappings\": [{\"hostPort\": 80, \"containerPort\": 80, \"hostIp\": \"1.2.3.4\"}]", "portMappings[0].hostIp", "unknown key" },
        { "\"bandwidth\": 5", "bandwidth", "expected an object, got a number" },
        { "\"bandwidth\": {}", "bandwidth", "needs at least one of" },
        { "\"bandwidth\": {\"ingressRate\": -1}", "bandwidth.ingressRate", "-1 is negative" },
        { "\"bandwidth\": {\"egressRate\": \"1M\"}", "bandwidth.egressRate", "expected an integer, got a string" },
        { "\"bandwidth\": {\"ingressBurst\": 10}", "bandwidth.ingressBurst", "requires \"ingressRate\"" },
        { "\"bandwidth\": {\"egressBurst\": 10, \"ingressRate\": 5}", "bandwidth.egressBurst", "requires \"egressRate\"" },
        { "\"bandwidth\": {\"ingressRate\": 1, \"ingresRate\": 2}", "bandwidth.ingresRate", "unknown key" },
        { "\"cni-args\": \"a=b\"", "cni-args", "expected an object, got a string" },
        { "\"cni-args\": [1]", "cni-args", "expected an object, got an array" },
        { "\"ipam-claim-reference\": 7", "ipam-claim-reference", "expected a string, got a number" },
        { "\"ipam-claim-reference\": \"Claim_1\"", "ipam-claim-reference", "not a DNS-1123 subdomain" },
        { "\"ipam-claim-reference\": \"a..b\"", "ipam-claim-reference", "not a DNS-1123 subdomain" },
        { "\"deviceID\": {}", "deviceID", "expected a string, got an object" },
        { "\"interfce\": \"net1\"", "interfce", "unknown key" },
        { "\"IPs\": [\"10.1.1.1\"]", "IPs", "unknown key" },
        { "\"default_route\": []", "default_route", "unknown key" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Parse_InvalidField_FailsNamingElementFieldAndProblem(string keys, string field, string problem)
    {
        string annotation = $$"""[{"name":"net-a"},{"name":"net-b",{{keys}}}]""";

        var e = ParseFails(annotation);

        e.Message.Should().StartWith(Prefix + "network 2 (\"net-b\"): field \"" + field + "\": ");
        e.Message.Should().Contain(problem);
    }

    [Fact]
    public void Parse_BadMac_ExactMessage()
    {
        ParseFails("""[{"name":"net-a"},{"name":"net-b","mac":"zz"}]""").Message.Should().Be(
            Prefix + "network 2 (\"net-b\"): field \"mac\": \"zz\" is not a valid MAC address (6 bytes, e.g. \"c2:11:22:33:44:55\")");
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { """[{"namespace":"x"}]""", "network 1: field \"name\": is required" },
        { """[{"name":null}]""", "network 1: field \"name\": is required" },
        { """[{"name":""}]""", "network 1: field \"name\": is empty" },
        { """[{"name":1}]""", "network 1: field \"name\": expected a string, got a number" },
        { """[{"name":"Net-A"}]""", "network 1: field \"name\": \"Net-A\" is not a DNS-1123 label" },
        { """[{"name":"a"},{"name":"a/b"}]""", "network 2: field \"name\": \"a/b\" is not a DNS-1123 label" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Parse_BadName_FailsNamingField(string annotation, string expected)
    {
        ParseFails(annotation).Message.Should().StartWith(Prefix + expected);
    }

    public static TheoryData<string, string> BadShapes => new()
    {
        { """{"name":"a"}""", "the JSON form must be an array of objects" },
        { """ "net-a" """, "got a string" },
        { """[{"name":"a"}, "net-b"]""", "network 2: expected an object, got a string" },
        { """[null]""", "network 1: expected an object, got null" },
        { """[[{"name":"a"}]]""", "network 1: expected an object, got an array" },
        { """[{"name":"a"}""", "invalid JSON at line 1, column 14" },
        { """[{"name":"a",}]""", "invalid JSON at line 1" },
        { "[{\"name\":\"a\"}]\n[", "invalid JSON at line 2, column 1" },
        { """[{"name":"a" "mac":"x"}]""", "invalid JSON at line 1" },
        { """[{'name':'a'}]""", "invalid JSON" },
        { """net-a,"net-b" """, "invalid JSON" },
        { """[{"name":"a","mac":"c2:11:22:33:44:55","mac":"c2:11:22:33:44:56"}]""", "invalid JSON" },
        { """[{"name":"a","cni-args":{"k":1,"k":2}}]""", "invalid JSON" },
        { new string('[', 100) + new string(']', 100), "invalid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadShapes))]
    public void Parse_BadJsonShape_Fails(string annotation, string expected)
    {
        ParseFails(annotation).Message.Should().Contain(expected);
    }

    [Fact]
    public void Parse_SyntaxError_KeepsInnerException()
    {
        ParseFails("[{").InnerException.Should().BeAssignableTo<System.Text.Json.JsonException>();
    }
}
