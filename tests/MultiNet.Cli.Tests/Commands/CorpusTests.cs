using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.Node;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>
/// Every case of the bad-input corpus (tests/corpus, shared with the controller's admission tests) through
/// <c>multinetctl validate</c>: refused, with the reason and field the case expects, as the webhook refuses it.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string Corpus = Path.Combine(RepoLayout.Root, "tests", "corpus");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Corpus, "*.yaml").Where(f => Path.GetFileName(f) != "cluster.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_CorpusCase_IsRefusedWithTheExpectedReasonAndField(string name)
    {
        var file = Path.Combine(Corpus, name);
        var (reason, field) = Expectation(file);

        // The corpus's cluster: its NADs exist, namespaceIsolation on, globalNamespaces [default], multusNamespace kube-system.
        var run = Multinetctl.Run("validate", file, "--networks", Path.Combine(Corpus, "cluster.yaml"),
            "--namespace-isolation", "--global-namespaces", "default", "-o", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        var problems = JsonNode.Parse(run.Stdout)!["problems"]!.AsArray();
        var lastDocument = problems.Max(p => (int)p!["document"]!);
        var first = problems.First(p => (string)p!["severity"]! == "error" && (int)p["document"]! == lastDocument)!;
        ((string)first["reason"]!, (string)first["field"]!).Should().Be((reason, field), run.Stdout);
    }

    [Fact]
    public void Corpus_HasAtLeastSixtyCases()
    {
        Cases().Should().HaveCountGreaterThanOrEqualTo(60);
    }

    private static (string Reason, string Field) Expectation(string file)
    {
        string? Header(string key) => File.ReadLines(file)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith($"# {key}:", StringComparison.Ordinal))
            .Select(line => line[(key.Length + 3)..].Split('#')[0].Trim())
            .FirstOrDefault();

        return (Header("expect-reason") ?? throw new InvalidOperationException($"{file}: no \"# expect-reason:\" line"),
            Header("expect-field") ?? throw new InvalidOperationException($"{file}: no \"# expect-field:\" line"));
    }
}
