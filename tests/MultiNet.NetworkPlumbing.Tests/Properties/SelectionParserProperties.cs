using CsCheck;
using MultiNet.Cni.Tests.Properties;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;
using Xunit;

namespace MultiNet.NetworkPlumbing.Tests.Properties;

/// <summary>
/// The selection annotation parser, both forms: any text gives a list or a CniException (101, or 105 for an interface
/// asked twice) naming the annotation, never another exception; generated valid selections parse to what was generated.
/// </summary>
public sealed class SelectionParserProperties
{
    private const string Key = NetworkSelectionParser.AnnotationKey;

    [Fact]
    public void Parse_AnyText_ReturnsElementsOrThrowsOnlyASelectionError() =>
        FuzzText.Hostile.Sample(text => ParsesOrFailsCleanly(() => NetworkSelectionParser.Parse(text, "team-a")), iter: 10_000);

    [Fact]
    public void Parse_ValidJsonMutatedByOneCharacter_ReturnsElementsOrThrowsOnlyASelectionError() =>
        FuzzText.Mutated(GeneratedSelection.List.Select(l => JsonArrayOf(l))).Sample(
            text => ParsesOrFailsCleanly(() => NetworkSelectionParser.Parse(text, "team-a")), iter: 5_000);

    [Fact]
    public void ParseDefaultNetwork_AnyText_ReturnsOneElementOrThrowsOnlyASelectionError() =>
        Gen.OneOf(FuzzText.Hostile, FuzzText.Mutated(Generators.Label)).Sample(text => ParsesOrFailsCleanly(() =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return [];
            }

            return [NetworkSelectionParser.ParseDefaultNetwork(text, "kube-system")];
        }), iter: 5_000);

    [Fact]
    public void Parse_GeneratedTextForm_GivesWhatWasGenerated() =>
        GeneratedSelection.TextList.Sample(list =>
        {
            var parsed = NetworkSelectionParser.Parse(string.Join(", ", list.Select(e => e.Text)), "team-a");

            AssertSame(list, parsed);
        }, iter: 5_000);

    [Fact]
    public void Parse_GeneratedJsonForm_GivesWhatWasGenerated() =>
        GeneratedSelection.List.Sample(list =>
        {
            var parsed = NetworkSelectionParser.Parse(JsonArrayOf(list), "team-a");

            AssertSame(list, parsed);
            for (var i = 0; i < list.Length; i++)
            {
                parsed[i].Ips.Should().Equal(list[i].Ips.Length == 0 ? null : list[i].Ips);
                parsed[i].Mac.Should().Be(list[i].Mac);
                parsed[i].DefaultRoute.Should().Equal(list[i].DefaultRoute);
                (parsed[i].PortMappings ?? []).Select(p => (p.HostPort, p.ContainerPort, p.Protocol)).Should().Equal(list[i].Ports);
                parsed[i].Bandwidth?.IngressRate.Should().Be(list[i].IngressRate);
            }
        }, iter: 5_000);

    private static void AssertSame(GeneratedSelection[] generated, IReadOnlyList<NetworkSelectionElement> parsed)
    {
        parsed.Select(e => (e.Namespace, e.Name, e.InterfaceRequest, e.Index))
            .Should().Equal(generated.Select((g, i) => (g.Namespace ?? "team-a", g.Name, g.Interface, i)));
    }

    private static string JsonArrayOf(GeneratedSelection[] list) =>
        new System.Text.Json.Nodes.JsonArray([.. list.Select(e => (System.Text.Json.Nodes.JsonNode)e.Json())]).ToJsonString();

    private static void ParsesOrFailsCleanly(Func<IReadOnlyList<NetworkSelectionElement>> parse)
    {
        try
        {
            parse().Should().NotContain(e => e.Name.Length == 0 || e.Namespace.Length == 0);
        }
        catch (CniException e)
        {
            e.Code.Should().BeOneOf(CniErrorCode.InvalidNetworkSelection, CniErrorCode.InterfaceConflict);
            e.Message.Should().Contain("annotation");
        }
    }
}
