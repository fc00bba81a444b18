using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Validation;

public class InterfaceNamesTests
{
    [Theory]
    [InlineData("eth0")]
    [InlineData("net1")]
    [InlineData("a")]
    [InlineData("...")]
    [InlineData("eth0.100")]
    [InlineData("br-Data_1")]
    [InlineData("123456789012345")]
    [InlineData("ééééééé")]
    public void Problem_ValidName_Null(string name)
    {
        InterfaceNames.Problem(name).Should().BeNull();
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "\".\"")]
    [InlineData("..", "\"..\"")]
    [InlineData("1234567890123456", "longer than 15 bytes")]
    [InlineData("ééééééééé", "longer than 15 bytes")]
    [InlineData("eth/0", "'/'")]
    [InlineData("eth:0", "':'")]
    [InlineData("eth 0", "whitespace")]
    [InlineData("eth\t0", "whitespace")]
    [InlineData(" eth0", "whitespace")]
    [InlineData("eth\u00010", "control")]
    public void Problem_InvalidName_Describes(string name, string expected)
    {
        InterfaceNames.Problem(name).Should().Contain(expected);
    }

    [Fact]
    public void Problem_Surrogates_PairAcceptedLoneHalfRefused()
    {
        // In code rather than [InlineData]: xunit's data serialization replaces lone surrogates with U+FFFD.
        InterfaceNames.Problem("net\ud83d\ude00").Should().BeNull();
        InterfaceNames.Problem("eth\ud800").Should().Contain("unpaired");
        InterfaceNames.Problem("\udc00eth").Should().Contain("unpaired");
        InterfaceNames.Problem("\ude00\ud83d").Should().Contain("unpaired");
    }

    [Fact]
    public void Validate_InvalidName_ThrowsWithContextAndName()
    {
        Action act = () => InterfaceNames.Validate("eth/0", "network \"default/net-a\"");

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidNetworkSelection)
            .WithMessage("network \"default/net-a\": interface name \"eth/0\" contains '/'");
    }

    [Fact]
    public void Validate_ValidName_DoesNotThrow()
    {
        Action act = () => InterfaceNames.Validate("net1", "ctx");

        act.Should().NotThrow();
    }
}
