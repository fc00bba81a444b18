using System.Net;
using FluentAssertions;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.NetworkPlumbing.Tests.Admission;

public class IpPrefixTests
{
    [Theory]
    [InlineData("10.1.0.0/24", "10.1.0.255", true)]
    [InlineData("10.1.0.0/24", "10.1.1.0", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("10.1.0.7/32", "10.1.0.7", true)]
    [InlineData("fd00::/64", "fd00::ffff:ffff:ffff:ffff", true)]
    [InlineData("fd00::/64", "fd00:0:0:1::", false)]
    [InlineData("::/0", "ffff::1", true)]
    [InlineData("10.1.0.0/24", "::ffff:10.1.0.1", false)]
    public void Contains_Address_AsExpected(string prefix, string address, bool expected)
    {
        IpPrefix.Parse(prefix)!.Value.Contains(IPAddress.Parse(address)).Should().Be(expected);
    }

    [Theory]
    [InlineData("10.1.0.0")]
    [InlineData("10.1.0.0/")]
    [InlineData("10.1.0.0/33")]
    [InlineData("fd00::/129")]
    [InlineData("x/24")]
    public void Parse_NotACidr_Null(string text)
    {
        IpPrefix.Parse(text).Should().BeNull();
    }

    [Theory]
    [InlineData("10.1.0.77/24", "10.1.0.0/24")]
    [InlineData("fd00::1:2/112", "fd00::1:0/112")]
    [InlineData("10.1.2.3/0", "0.0.0.0/0")]
    public void NetworkText_HostBits_Cleared(string text, string expected)
    {
        IpPrefix.Parse(text)!.Value.NetworkText().Should().Be(expected);
    }

    [Theory]
    [InlineData("10.1.0.0/16", "10.1.5.0/24", true)]
    [InlineData("10.1.0.0/24", "10.1.1.0/24", false)]
    [InlineData("10.1.0.0/24", "fd00::/64", false)]
    public void Overlaps_Prefixes_AsExpected(string a, string b, bool expected)
    {
        IpPrefix.Parse(a)!.Value.Overlaps(IpPrefix.Parse(b)!.Value).Should().Be(expected);
        IpPrefix.Parse(b)!.Value.Overlaps(IpPrefix.Parse(a)!.Value).Should().Be(expected);
    }
}
