using FluentAssertions;
using MultiNet.NetworkPlumbing.Validation;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Validation;

public class DnsLabelTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("1net")]
    [InlineData("net-a")]
    [InlineData("a--b")]
    [InlineData("macvlan-conf-1")]
    public void IsValid_Label_True(string label)
    {
        DnsLabel.IsValid(label).Should().BeTrue();
        DnsLabel.Problem(label).Should().BeNull();
    }

    [Fact]
    public void IsValid_63Characters_True()
    {
        DnsLabel.IsValid(new string('a', 63)).Should().BeTrue();
    }

    [Fact]
    public void Problem_64Characters_SaysTooLong()
    {
        DnsLabel.Problem(new string('a', 64)).Should().Contain("longer than 63");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-net", "DNS-1123")]
    [InlineData("net-", "DNS-1123")]
    [InlineData("-", "DNS-1123")]
    [InlineData("Net", "DNS-1123")]
    [InlineData("NET", "DNS-1123")]
    [InlineData("net_a", "DNS-1123")]
    [InlineData("net.a", "DNS-1123")]
    [InlineData("net a", "DNS-1123")]
    [InlineData("net\n", "DNS-1123")]
    [InlineData("néti", "DNS-1123")]
    public void Problem_InvalidLabel_Describes(string label, string expected)
    {
        DnsLabel.IsValid(label).Should().BeFalse();
        DnsLabel.Problem(label).Should().Contain(expected);
    }
}
