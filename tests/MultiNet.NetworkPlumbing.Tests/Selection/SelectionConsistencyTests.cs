using MultiNet.Cni.Protocol;
using FluentAssertions;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;
using static MultiNet.NetworkPlumbing.Tests.Selection.SelectionAssertions;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class SelectionConsistencyTests
{
    [Fact]
    public void Parse_OneElementWithV4AndV6Gateways_Accepted()
    {
        var e = NetworkSelectionParser.Parse("""[{"name":"a","default-route":["10.0.0.1","fd00::1"]}]""", "ns").Single();

        e.DefaultRoute.Should().Equal("10.0.0.1", "fd00::1");
    }

    [Fact]
    public void Parse_V4OnOneElementV6OnAnother_Accepted()
    {
        var list = NetworkSelectionParser.Parse(
            """[{"name":"a","default-route":["10.0.0.1"]},{"name":"b"},{"name":"c","default-route":["fd00::1"]}]""", "ns");

        list.Select(e => e.DefaultRoute?.Count ?? -1).Should().Equal(1, -1, 1);
    }

    [Fact]
    public void Parse_SeveralElementsWithEmptyDefaultRoute_Accepted()
    {
        NetworkSelectionParser.Parse("""[{"name":"a","default-route":[]},{"name":"b","default-route":["10.0.0.1"]}]""", "ns")
            .Should().HaveCount(2);
    }

    [Fact]
    public void Parse_TwoV4GatewaysOnTwoElements_FailsNamingBoth()
    {
        ParseFails("""[{"name":"a","default-route":["10.0.0.1"]},{"name":"b"},{"name":"c","default-route":["10.0.1.1"]}]""")
            .Message.Should().Be(
                Prefix + "networks 1 (\"a\") and 3 (\"c\"): field \"default-route\": more than one IPv4 default gateway " +
                "(\"10.0.0.1\" and \"10.0.1.1\"); only one IPv4 and one IPv6 default route are supported (no ECMP)");
    }

    [Fact]
    public void Parse_TwoV6GatewaysOnTwoElements_FailsNamingBoth()
    {
        ParseFails("""[{"name":"a","default-route":["10.0.0.1","fd00::1"]},{"name":"b","default-route":["fd00:1::1"]}]""")
            .Message.Should().Contain("networks 1 (\"a\") and 2 (\"b\"): field \"default-route\": more than one IPv6 default gateway");
    }

    [Fact]
    public void Parse_TwoV4GatewaysOnOneElement_FailsNamingIt()
    {
        ParseFails("""[{"name":"a"},{"name":"b","default-route":["10.0.0.1","10.0.0.2"]}]""")
            .Message.Should().StartWith(Prefix + "network 2 (\"b\"): field \"default-route\": more than one IPv4 default gateway");
    }

    [Fact]
    public void Parse_DuplicateInterface_FailsNamingBoth()
    {
        InterfaceConflict("""[{"name":"a","interface":"data0"},{"name":"b"},{"name":"c","interface":"data0"}]""")
            .Message.Should().Be(Prefix + "networks 1 (\"a\") and 3 (\"c\"): field \"interface\": both request interface \"data0\"");
    }

    [Fact]
    public void Parse_DuplicateInterfaceViaDeprecatedKey_Fails()
    {
        InterfaceConflict("""[{"name":"a","interface":"data0"},{"name":"b","interfaceRequest":"data0"}]""")
            .Message.Should().Contain("both request interface \"data0\"");
    }

    [Fact]
    public void Parse_SameNetworkDifferentInterfaces_Accepted()
    {
        NetworkSelectionParser.Parse("""[{"name":"a","interface":"d0"},{"name":"a","interface":"d1"},{"name":"a"},{"name":"a"}]""", "ns")
            .Should().HaveCount(4);
    }

    [Fact]
    public void Parse_InterfaceNamesDifferingInCase_Accepted()
    {
        NetworkSelectionParser.Parse("a@Data0,b@data0", "ns").Select(e => e.InterfaceRequest).Should().Equal("Data0", "data0");
    }
    // Two selections asking for one interface name is an interface conflict (105), not a syntax error (101).
    private static CniException InterfaceConflict(string annotation)
    {
        var act = () => NetworkSelectionParser.Parse(annotation, "ns");
        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InterfaceConflict);
        return error;
    }
}
