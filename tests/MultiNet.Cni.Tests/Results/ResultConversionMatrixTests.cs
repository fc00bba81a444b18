using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Tests.Results;

public sealed class ResultConversionMatrixTests
{
    public static TheoryData<string, string> VersionPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in CniVersions.Supported)
        {
            foreach (var to in CniVersions.Supported)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<string, string> SamplesByTarget()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _) in ResultSamples.All)
        {
            foreach (var to in CniVersions.Supported)
            {
                data.Add(name, to);
            }
        }

        return data;
    }

    public static TheoryData<string> SampleNames() => [.. ResultSamples.All.Select(s => s.Name)];

    private static bool IsLegacy(string v) => v is "0.1.0" or "0.2.0";

    private static bool HasIpVersion(string v) => v is "0.3.0" or "0.3.1" or "0.4.0";

    private static string Sample(string name) => ResultSamples.All.Single(s => s.Name == name).Json;

    private static string[] Strings(JsonNode? array, string field) =>
        array is null ? [] : [.. array.AsArray().Select(e => e![field]!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(VersionPairs))]
    public void Convert_EveryVersionPair_KeepsWhatBothVersionsHold(string from, string to)
    {
        var source = ResultConverter.ToJson(ResultSamples.Rich, from);
        var json = ResultConverter.ToJson(ResultConverter.Parse(source, "9.9.9"), to);

        json["cniVersion"]!.GetValue<string>().Should().Be(to);
        json["dns"]!["nameservers"]![0]!.GetValue<string>().Should().Be("10.96.0.10");
        if (IsLegacy(to))
        {
            json.ContainsKey("ips").Should().BeFalse();
            json.ContainsKey("interfaces").Should().BeFalse();
            json["ip4"]!["ip"]!.GetValue<string>().Should().Be("10.5.0.2/24", "the first IPv4 address is kept");
            json["ip4"]!["gateway"]!.GetValue<string>().Should().Be("10.5.0.1");
            Strings(json["ip4"]!["routes"], "dst").Should().Equal("0.0.0.0/0");
            json["ip6"]!["ip"]!.GetValue<string>().Should().Be("fd05::2/64");
            Strings(json["ip6"]!["routes"], "dst").Should().Equal("fd06::/64");
            return;
        }

        var expectedIps = IsLegacy(from) ? new[] { "10.5.0.2/24", "fd05::2/64" } : ["10.5.0.2/24", "10.6.0.2/24", "fd05::2/64"];
        Strings(json["ips"], "address").Should().Equal(expectedIps);
        Strings(json["routes"], "dst").Should().Equal("0.0.0.0/0", "fd06::/64");
        foreach (var ip in json["ips"]!.AsArray().Select(n => n!.AsObject()))
        {
            ip.ContainsKey("version").Should().Be(HasIpVersion(to));
            if (HasIpVersion(to))
            {
                ip["version"]!.GetValue<string>().Should().Be(ip["address"]!.GetValue<string>().Contains(':') ? "6" : "4");
            }

            ip.ContainsKey("interface").Should().Be(!IsLegacy(from), "legacy results have no interface index");
        }

        json.ContainsKey("interfaces").Should().Be(!IsLegacy(from));
        var both11 = from == "1.1.0" && to == "1.1.0";
        if (!IsLegacy(from))
        {
            json["interfaces"]![1]!.AsObject().ContainsKey("mtu").Should().Be(both11);
            json["interfaces"]![1]!.AsObject().ContainsKey("pciID").Should().Be(both11);
            json["interfaces"]![1]!["sandbox"]!.GetValue<string>().Should().Be("/var/run/netns/p");
        }

        json["routes"]![0]!.AsObject().ContainsKey("table").Should().Be(both11);
    }

    [Theory]
    [MemberData(nameof(SamplesByTarget))]
    public void Convert_RealPluginResult_KeepsAddressesInEveryVersion(string sample, string to)
    {
        var parsed = ResultConverter.Parse(JsonNode.Parse(Sample(sample)), "0.0.0");

        var json = ResultConverter.ToJson(parsed, to);
        var back = ResultConverter.Parse(json, "0.0.0");

        back.CniVersion.Should().Be(to);
        var v4 = parsed.Ips.Where(ip => !ip.Address.Contains(':')).Select(ip => ip.Address).ToList();
        var v6 = parsed.Ips.Where(ip => ip.Address.Contains(':')).Select(ip => ip.Address).ToList();
        var expected = IsLegacy(to) ? [.. v4.Take(1), .. v6.Take(1)] : parsed.Ips.Select(ip => ip.Address).ToList();
        back.Ips.Select(ip => ip.Address).Should().Equal(expected);
        back.Dns.Should().BeEquivalentTo(parsed.Dns);
        if (!IsLegacy(to))
        {
            back.Interfaces.Select(i => (i.Name, i.Mac, i.Sandbox)).Should().Equal(parsed.Interfaces.Select(i => (i.Name, i.Mac, i.Sandbox)));
            back.Routes.Select(r => (r.Dst, r.Gw)).Should().Equal(parsed.Routes.Select(r => (r.Dst, r.Gw)));
        }
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void ToJson_SameVersion_ReproducesThePluginsJson(string sample)
    {
        var original = JsonNode.Parse(Sample(sample))!;
        var version = original["cniVersion"]!.GetValue<string>();

        var written = ResultConverter.ToJson(ResultConverter.Parse(original, "0.0.0"), version);

        JsonNode.DeepEquals(written, original).Should().BeTrue(written.ToJsonString());
    }
}
