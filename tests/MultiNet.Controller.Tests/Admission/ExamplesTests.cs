using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Tests.Corpus;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.Node;

namespace MultiNet.Controller.Tests.Admission;

public class ExamplesTests
{
    [Fact]
    public async Task Examples_EveryNadAndPod_AdmittedWithoutErrors()
    {
        List<JsonObject> objects = [.. Directory.EnumerateFiles(RepoLayout.Examples, "*.yaml")
            .SelectMany(f => YamlJson.Documents(File.ReadAllText(f)))];
        List<JsonObject> nads = [.. objects.Where(o => (string?)o["kind"] == "NetworkAttachmentDefinition")];
        List<JsonObject> pods = [.. objects.Where(o => (string?)o["kind"] == "Pod")];
        await using var harness = await ControllerHarness.StartAsync(api => nads.ForEach(n => api.AddObject((JsonObject)n.DeepClone())));

        nads.Should().NotBeEmpty();
        pods.Should().NotBeEmpty();
        foreach (JsonObject nad in nads)
        {
            var result = await harness.ReviewNadAsync("CREATE", nad);
            result.Allowed.Should().BeTrue($"{nad["metadata"]!["name"]}: {result.Message}");
        }

        foreach (JsonObject pod in pods)
        {
            var result = await harness.ReviewPodAsync(pod);
            result.Allowed.Should().BeTrue($"{pod["metadata"]!["name"]}: {result.Message}");
        }
    }
}
