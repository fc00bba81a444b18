using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Tests.Support;

namespace MultiNet.Controller.Tests.Corpus;

public class CorpusTests(CorpusController controller) : IClassFixture<CorpusController>
{
    public static TheoryData<string> Cases => [.. CorpusCase.Files()];

    [Fact]
    public void Corpus_HasAtLeast60Cases_BothKinds()
    {
        CorpusCase.Files().Should().HaveCountGreaterThanOrEqualTo(60);
        CorpusCase.Files().Count(f => f.StartsWith("nad-", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(20);
        CorpusCase.Files().Count(f => f.StartsWith("pod-", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(20);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Create_CorpusCase_DeniedWithExpectedReasonAndField(string file)
    {
        CorpusCase c = CorpusCase.Load(file);
        JsonObject metadata = (JsonObject)c.Subject["metadata"]!;

        ReviewResult result = await controller.Harness.ReviewAsync(AdmissionReviews.For(
            (string)c.Subject["kind"]!, "CREATE", (string)metadata["namespace"]!, (string)metadata["name"]!, c.Subject));

        result.Allowed.Should().BeFalse($"{file} ({c.Why}) must be denied; got {result}");
        result.Reasons.Should().NotBeEmpty();
        (result.Reasons[0], result.Fields[0]).Should().Be((c.Reason, c.Field), $"{file}: {result.Message}");
        result.Message.Should().Contain(c.Field).And.Contain($"[{c.Reason}]");
    }

    [Fact]
    public async Task Cluster_EveryNadOfClusterYaml_Allowed()
    {
        foreach (JsonObject nad in CorpusCase.Cluster())
        {
            var metadata = (JsonObject)nad["metadata"]!;
            ReviewResult result = await controller.Harness.ReviewNadAsync("CREATE", nad);
            result.Allowed.Should().BeTrue($"{metadata["namespace"]}/{metadata["name"]}: {result.Message}");
        }
    }
}
