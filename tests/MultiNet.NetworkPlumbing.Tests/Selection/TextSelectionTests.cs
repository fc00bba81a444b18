using MultiNet.Cni.Protocol;
using FluentAssertions;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;
using static MultiNet.NetworkPlumbing.Tests.Selection.SelectionAssertions;

namespace MultiNet.NetworkPlumbing.Tests.Selection;

public class TextSelectionTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    public void Parse_EmptyAnnotation_EmptyList(string? annotation)
    {
        NetworkSelectionParser.Parse(annotation, "pod-ns").Should().BeEmpty();
    }

    [Fact]
    public void Parse_SingleName_UsesPodNamespace()
    {
        var e = NetworkSelectionParser.Parse("net-a", "pod-ns").Should().ContainSingle().Which;

        e.Name.Should().Be("net-a");
        e.Namespace.Should().Be("pod-ns");
        e.InterfaceRequest.Should().BeNull();
        e.Index.Should().Be(0);
        e.Ips.Should().BeNull();
        e.DefaultRoute.Should().BeNull();
    }

    [Fact]
    public void Parse_AllForms_ParsesEachInOrder()
    {
        var list = NetworkSelectionParser.Parse("net-a,other-ns/net-b,net-c@data0,ns2/net-d@data1", "pod-ns");

        list.Select(e => (e.Namespace, e.Name, e.InterfaceRequest, e.Index)).Should().Equal(
            ("pod-ns", "net-a", null, 0),
            ("other-ns", "net-b", null, 1),
            ("pod-ns", "net-c", "data0", 2),
            ("ns2", "net-d", "data1", 3));
    }

    [Fact]
    public void Parse_SpacesAroundItemsAndParts_Trimmed()
    {
        var list = NetworkSelectionParser.Parse("  net-a ,\tns / net-b @ eth1 ", "pod-ns");

        list.Select(e => (e.Namespace, e.Name, e.InterfaceRequest)).Should().Equal(
            ("pod-ns", "net-a", null),
            ("ns", "net-b", "eth1"));
    }

    [Fact]
    public void Parse_SameNetworkTwice_TwoElements()
    {
        NetworkSelectionParser.Parse("net-a,net-a", "pod-ns").Should().HaveCount(2);
    }

    [Theory]
    [InlineData("net-a,,net-b", "network 2 (\"\"): field \"name\": is empty (an empty item between commas)")]
    [InlineData("net-a,", "network 2 (\"\"): field \"name\": is empty (an empty item between commas)")]
    [InlineData(",net-a", "network 1 (\"\"): field \"name\": is empty (an empty item between commas)")]
    [InlineData("net-a, ,net-b", "network 2 (\"\"): field \"name\": is empty (an empty item between commas)")]
    public void Parse_EmptyItem_Fails(string annotation, string expected)
    {
        ParseFails(annotation).Message.Should().Be(Prefix + expected);
    }

    [Theory]
    [InlineData("a/b/c", "more than one '/'")]
    [InlineData("net-a,ns/x/y@e", "network 2 (\"ns/x/y@e\"): more than one '/'")]
    [InlineData("net@a@b", "more than one '@'")]
    [InlineData("ns/net@a@b", "more than one '@'")]
    public void Parse_TooManySeparators_Fails(string annotation, string expected)
    {
        ParseFails(annotation).Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("Net-A", "field \"name\": \"Net-A\" is not a DNS-1123 label")]
    [InlineData("net_a", "field \"name\": \"net_a\" is not a DNS-1123 label")]
    [InlineData("net a", "field \"name\": \"net a\" is not a DNS-1123 label")]
    [InlineData("-net", "field \"name\"")]
    [InlineData("net-", "field \"name\"")]
    [InlineData("ns/", "field \"name\": is empty")]
    [InlineData("/net-a", "field \"namespace\": is empty")]
    [InlineData("Bad_NS/net-a", "field \"namespace\": \"Bad_NS\" is not a DNS-1123 label")]
    [InlineData("net-a@", "field \"interface\": is empty")]
    [InlineData("net-a@eth/0", "field \"interface\": \"eth/0\" contains '/'")]
    [InlineData("ns/net-a@eth/0", "field \"interface\": \"eth/0\" contains '/'")]
    [InlineData("net-a@eth:0", "field \"interface\": \"eth:0\" contains ':'")]
    [InlineData("net-a@1234567890123456", "field \"interface\": \"1234567890123456\" is longer than 15 bytes")]
    [InlineData("net-a@.", "field \"interface\"")]
    [InlineData("net-a@..", "field \"interface\"")]
    public void Parse_BadPart_FailsNamingField(string annotation, string expected)
    {
        ParseFails(annotation).Message.Should().Contain(expected);
    }

    [Fact]
    public void Parse_NameOf64Characters_Fails()
    {
        ParseFails(new string('a', 64)).Message.Should().Contain("field \"name\"").And.Contain("longer than 63");
    }

    [Fact]
    public void Parse_BadSecondItem_MessageNamesItsPosition()
    {
        ParseFails("net-a,NET-B").Message.Should().Be(
            Prefix + "network 2 (\"NET-B\"): field \"name\": \"NET-B\" is not a DNS-1123 label " +
            "(lowercase letters, digits and '-', starting and ending with a letter or digit)");
    }

    [Fact]
    public void Parse_DuplicateInterfaceInTextForm_Fails()
    {
        InterfaceConflict("net-a@data0,net-b@data0").Message.Should().Be(
            Prefix + "networks 1 (\"net-a\") and 2 (\"net-b\"): field \"interface\": both request interface \"data0\"");
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
