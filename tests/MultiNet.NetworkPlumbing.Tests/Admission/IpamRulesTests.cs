using FluentAssertions;
using MultiNet.NetworkPlumbing.Admission;
using static MultiNet.NetworkPlumbing.Tests.Admission.NadFactory;
using static MultiNet.NetworkPlumbing.Tests.Admission.NadRulesTests;

namespace MultiNet.NetworkPlumbing.Tests.Admission;

public class IpamRulesTests
{
    private const string Ipam = "spec.config.ipam";

    [Theory]
    [InlineData("""{"type":"host-local","subnet":"10.1.0.0/24"}""")]
    [InlineData("""{"type":"host-local","subnet":"10.1.0.0/30"}""")]
    [InlineData("""{"type":"host-local","subnet":"10.1.0.0/24","rangeStart":"10.1.0.10","rangeEnd":"10.1.0.20","gateway":"10.1.0.1"}""")]
    [InlineData("""{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/24"}],[{"subnet":"fd00::/64","gateway":"fd00::1"}]]}""")]
    [InlineData("""{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/24","rangeEnd":"10.1.0.99"},{"subnet":"10.1.0.0/24","rangeStart":"10.1.0.100"}]]}""")]
    [InlineData("""{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/24"}]],"routes":[{"dst":"0.0.0.0/0"},{"dst":"10.9.0.0/16","gw":"10.1.0.1"}]}""")]
    [InlineData("""{"type":"static","addresses":[{"address":"10.1.0.5/24","gateway":"10.1.0.1"},{"address":"fd00::5/64"}]}""")]
    [InlineData("""{"type":"static"}""")]
    [InlineData("""{"type":"whereabouts","range":"192.168.2.225/28"}""")]
    [InlineData("""{"type":"whereabouts","range":"10.1.0.10-10.1.0.20/24","exclude":["10.1.0.12/32"]}""")]
    [InlineData("""{"type":"whereabouts","ipRanges":[{"range":"10.1.0.0/24"},{"range":"fd00::/64"}]}""")]
    [InlineData("""{"type":"dhcp"}""")]
    [InlineData("""{"type":"some-ipam","subnet":"whatever"}""")]
    [InlineData("""{}""")]
    public void Validate_SaneIpam_NoFindings(string ipam)
    {
        NadRules.Validate(WithIpam(ipam)).Should().BeEmpty();
    }

    [Fact]
    public void Validate_HostLocalWithoutRangesButIpRangesCapability_Accepted()
    {
        NadRules.Validate(Nad("""{"cniVersion":"1.0.0","type":"bridge","capabilities":{"ipRanges":true},"ipam":{"type":"host-local"}}"""))
            .Should().BeEmpty();
    }

    public static TheoryData<string, string, string> Bad => new()
    {
        { "\"host-local\"", RuleReasons.InvalidIpam, Ipam },
        { """{"type":5}""", RuleReasons.InvalidIpam, Ipam + ".type" },
        { """{"type":"host-local"}""", RuleReasons.InvalidIpam, Ipam + ".ranges" },
        { """{"type":"host-local","subnet":"10.1.0.0"}""", RuleReasons.InvalidIpamAddress, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"10.1.0.0/33"}""", RuleReasons.InvalidIpamAddress, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"10.1.0.300/24"}""", RuleReasons.InvalidIpamAddress, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"10.1.0.5/24"}""", RuleReasons.InvalidIpamRange, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"10.1.0.0/31"}""", RuleReasons.InvalidIpamRange, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"fd00::/127"}""", RuleReasons.InvalidIpamRange, Ipam + ".subnet" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","rangeStart":"10.1.1.10"}""", RuleReasons.IpamAddressOutsideSubnet, Ipam + ".rangeStart" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","rangeEnd":"fd00::1"}""", RuleReasons.IpamAddressOutsideSubnet, Ipam + ".rangeEnd" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","rangeStart":"10.1.0.50","rangeEnd":"10.1.0.40"}""", RuleReasons.InvalidIpamRange, Ipam + ".rangeEnd" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","rangeStart":"ten"}""", RuleReasons.InvalidIpamAddress, Ipam + ".rangeStart" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","gateway":"10.1.0.1/24"}""", RuleReasons.InvalidIpamAddress, Ipam + ".gateway" },
        { """{"type":"host-local","ranges":{"subnet":"10.1.0.0/24"}}""", RuleReasons.InvalidIpam, Ipam + ".ranges" },
        { """{"type":"host-local","ranges":[[]]}""", RuleReasons.InvalidIpam, Ipam + ".ranges[0]" },
        { """{"type":"host-local","ranges":[{"subnet":"10.1.0.0/24"}]}""", RuleReasons.InvalidIpam, Ipam + ".ranges[0]" },
        { """{"type":"host-local","ranges":[["10.1.0.0/24"]]}""", RuleReasons.InvalidIpam, Ipam + ".ranges[0][0]" },
        { """{"type":"host-local","ranges":[[{"rangeStart":"10.1.0.5"}]]}""", RuleReasons.InvalidIpam, Ipam + ".ranges[0][0].subnet" },
        { """{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/24"},{"subnet":"fd00::/64"}]]}""", RuleReasons.InvalidIpamRange, Ipam + ".ranges[0][1].subnet" },
        { """{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/16"}],[{"subnet":"10.1.5.0/24"}]]}""", RuleReasons.InvalidIpamRange, Ipam + ".ranges[1][0]" },
        { """{"type":"host-local","ranges":[[{"subnet":"10.1.0.0/24","rangeEnd":"10.1.0.100"},{"subnet":"10.1.0.0/24","rangeStart":"10.1.0.100"}]]}""", RuleReasons.InvalidIpamRange, Ipam + ".ranges[0][1]" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","routes":[{"dst":"0.0.0.0"}]}""", RuleReasons.InvalidIpamAddress, Ipam + ".routes[0].dst" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","routes":[{"gw":"10.1.0.1"}]}""", RuleReasons.InvalidIpam, Ipam + ".routes[0].dst" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","routes":[{"dst":"0.0.0.0/0","gw":"x"}]}""", RuleReasons.InvalidIpamAddress, Ipam + ".routes[0].gw" },
        { """{"type":"host-local","subnet":"10.1.0.0/24","routes":"0.0.0.0/0"}""", RuleReasons.InvalidIpam, Ipam + ".routes" },
        { """{"type":"static","addresses":[{"address":"10.1.0.5"}]}""", RuleReasons.InvalidIpamAddress, Ipam + ".addresses[0].address" },
        { """{"type":"static","addresses":[{"gateway":"10.1.0.1"}]}""", RuleReasons.InvalidIpam, Ipam + ".addresses[0].address" },
        { """{"type":"static","addresses":["10.1.0.5/24"]}""", RuleReasons.InvalidIpam, Ipam + ".addresses[0]" },
        { """{"type":"static","addresses":{"address":"10.1.0.5/24"}}""", RuleReasons.InvalidIpam, Ipam + ".addresses" },
        { """{"type":"whereabouts","range":"10.1.0.0/24","range_start":"10.2.0.1"}""", RuleReasons.IpamAddressOutsideSubnet, Ipam + ".range_start" },
        { """{"type":"whereabouts","range":"10.1.0.0"}""", RuleReasons.InvalidIpamAddress, Ipam + ".range" },
        { """{"type":"whereabouts","range":"10.1.0.0/24","exclude":["10.1.0.300/32"]}""", RuleReasons.InvalidIpamAddress, Ipam + ".exclude[0]" },
        { """{"type":"whereabouts","range":"10.1.0.0/24","range_start":"10.1.0.9","range_end":"10.1.0.2"}""", RuleReasons.InvalidIpamRange, Ipam + ".range_end" },
        { """{"type":"whereabouts","range":"x-10.1.0.20/24"}""", RuleReasons.InvalidIpamAddress, Ipam + ".range" },
        { """{"type":"whereabouts","ipRanges":[{"range":"10.1.0.0/24"},{"range":"10.1.0.128/25"}]}""", RuleReasons.InvalidIpamRange, Ipam + ".ipRanges[1]" },
        { """{"type":"whereabouts","ipRanges":["10.1.0.0/24"]}""", RuleReasons.InvalidIpam, Ipam + ".ipRanges[0]" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Validate_BadIpam_ReasonAndField(string ipam, string reason, string field)
    {
        Single(WithIpam(ipam), reason, field);
    }

    [Theory]
    [InlineData("""{"type":"host-local","subnet":"10.1.0.0/24","gateway":"10.2.0.1"}""", Ipam + ".gateway")]
    [InlineData("""{"type":"host-local","ranges":[[{"subnet":"fd00::/64","gateway":"fd01::1"}]]}""", Ipam + ".ranges[0][0].gateway")]
    [InlineData("""{"type":"static","addresses":[{"address":"10.1.0.5/24","gateway":"10.1.1.1"}]}""", Ipam + ".addresses[0].gateway")]
    [InlineData("""{"type":"whereabouts","range":"10.1.0.0/24","gateway":"10.9.9.9"}""", Ipam + ".gateway")]
    public void Validate_GatewayOutsideSubnet_WarningOnly(string ipam, string field)
    {
        var f = NadRules.Validate(WithIpam(ipam)).Should().ContainSingle().Which;
        f.Should().Be(f with { Severity = RuleSeverity.Warning, Reason = RuleReasons.IpamGatewayOutsideSubnet, Field = field });
    }

    [Fact]
    public void Validate_IpamInConflistPlugin_PathNamesPlugin()
    {
        Single(Nad("""{"cniVersion":"1.0.0","name":"net-a","plugins":[{"type":"tuning"},{"type":"bridge","ipam":{"type":"host-local","subnet":"10.1.0.0/24","rangeStart":"10.2.0.1"}}]}"""),
            RuleReasons.IpamAddressOutsideSubnet, "spec.config.plugins[1].ipam.rangeStart").Message.Should().Contain("10.1.0.0/24");
    }

    [Fact]
    public void Validate_HostBitsSet_NamesNetworkAddress()
    {
        Single(WithIpam("""{"type":"host-local","subnet":"10.1.0.77/24"}"""), RuleReasons.InvalidIpamRange, Ipam + ".subnet")
            .Message.Should().Contain("\"10.1.0.0/24\"");
    }
}
