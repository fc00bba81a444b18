using System.Text.Json.Nodes;
using CsCheck;
using MultiNet.Cni.Tests.Properties;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Status;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Properties;

/// <summary>network-status: what is written reads back the same; any text reads or fails with code 6, nothing else.</summary>
public sealed class NetworkStatusProperties
{
    private static readonly Gen<string> AnyText = Gen.OneOf(Gen.String, Gen.Char["abc\"\\\u00e9\u2028 "].Array[0, 12].Select(c => new string(c)));

    private static readonly Gen<NetworkStatusDns?> Dns = Gen.Select(Generators.Ipv4.Array[0, 2], AnyText.Null(), Generators.Label.Array[0, 2])
        .Select(t => t.Item1.Length + t.Item3.Length == 0 && t.Item2 is null
            ? null
            : new NetworkStatusDns { Nameservers = t.Item1, Domain = t.Item2, Search = t.Item3 });

    private static readonly Gen<NetworkStatus> Status = Gen.Select(AnyText, Generators.Label.Null(), Gen.OneOf(Generators.Ipv4, Generators.Ipv6).Array[0, 3],
        Generators.Mac.Null(), Gen.Int[0, 9000], Gen.Bool, Dns, Generators.Ipv4.Array[0, 2])
        .Select(t => new NetworkStatus
        {
            Name = t.Item1.Length == 0 ? "n" : t.Item1,
            Interface = t.Item2,
            Ips = t.Item3,
            Mac = t.Item4,
            Mtu = t.Item5 == 0 ? null : t.Item5,
            Default = t.Item6,
            Dns = t.Item7,
            Gateway = t.Item8.Length == 0 ? null : t.Item8,
            DeviceInfo = t.Item6 ? new JsonObject { ["type"] = "pci", ["version"] = "1.1.0", ["pci"] = new JsonObject { ["pci-address"] = t.Item1 } } : null,
        });

    [Fact]
    public void ToAnnotation_ThenFromAnnotation_GivesTheSameEntries() =>
        Status.Array[0, 4].Sample(statuses =>
        {
            var written = NetworkStatusBuilder.ToAnnotation(statuses);

            var read = NetworkStatusBuilder.FromAnnotation(written);

            read.Should().HaveCount(statuses.Length);
            NetworkStatusBuilder.ToAnnotation(read).Should().Be(written);
            for (var i = 0; i < statuses.Length; i++)
            {
                read[i].Name.Should().Be(statuses[i].Name);
                read[i].Ips.Should().Equal(statuses[i].Ips);
                read[i].Mac.Should().Be(statuses[i].Mac);
                read[i].Default.Should().Be(statuses[i].Default);
                JsonNode.DeepEquals(read[i].DeviceInfo, statuses[i].DeviceInfo).Should().BeTrue();
            }
        }, iter: 5_000);

    [Fact]
    public void FromAnnotation_AnyTextOrMutatedStatus_ReadsOrThrowsOnlyDecodeFailure() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Status.Array[1, 3].Select(NetworkStatusBuilder.ToAnnotation))).Sample(text =>
        {
            try
            {
                NetworkStatusBuilder.FromAnnotation(text).Should().NotContainNulls();
            }
            catch (CniException e)
            {
                e.Code.Should().Be(CniErrorCode.DecodeFailure);
            }
        }, iter: 10_000);
}
