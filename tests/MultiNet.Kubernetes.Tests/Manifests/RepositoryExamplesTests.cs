using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Kubernetes.Tests.Manifests;

/// <summary>The demo starts from examples/ through ManifestFolder: those files must load as they are.</summary>
public sealed class RepositoryExamplesTests
{
    [Fact]
    public async Task Load_RepositoryExamples_EveryNadHasJsonConfigAndThePodResolves()
    {
        var folder = ManifestFolder.Load([ExamplesDirectory()]);

        folder.Networks.Should().NotBeEmpty();
        foreach (var network in folder.Networks)
        {
            var parse = () => JsonNode.Parse(network.Config!);
            parse.Should().NotThrow($"network {network.Namespace}/{network.Name} carries a JSON config");
        }

        folder.Pods.Should().NotBeEmpty();
        foreach (var pod in folder.Pods)
        {
            (await folder.GetPodAsync(pod.Namespace, pod.Name, CancellationToken.None)).Should().Be(pod);
        }
    }

    private static string ExamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var examples = Path.Join(dir.FullName, "examples");
            if (File.Exists(Path.Join(dir.FullName, "MultiNet.sln")) && Directory.Exists(examples))
            {
                return examples;
            }
        }

        throw new DirectoryNotFoundException($"no examples/ next to MultiNet.sln above {AppContext.BaseDirectory}");
    }
}
