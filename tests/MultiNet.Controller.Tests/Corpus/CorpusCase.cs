using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Controller.Tests.Corpus;

/// <summary>One file of tests/corpus: the object under test (last document), supporting objects, the expected denial.</summary>
internal sealed record CorpusCase(string File, string Why, string Reason, string Field, IReadOnlyList<JsonObject> Support, JsonObject Subject)
{
    public static string Folder => Path.Combine(RepoLayout.Root, "tests", "corpus");

    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.yaml").Select(Path.GetFileName).OfType<string>()
            .Where(f => f != "cluster.yaml").Order(StringComparer.Ordinal);

    public static CorpusCase Load(string file)
    {
        string text = System.IO.File.ReadAllText(Path.Combine(Folder, file));
        string Header(string key) => text.Split('\n').FirstOrDefault(l => l.StartsWith($"# {key}: ", StringComparison.Ordinal))?[(key.Length + 4)..].Trim()
            ?? throw new FormatException($"{file}: no \"# {key}:\" header");
        IReadOnlyList<JsonObject> documents = YamlJson.Documents(text);
        return new CorpusCase(file, Header("case"), Header("expect-reason"), Header("expect-field"), [.. documents.Take(documents.Count - 1)], documents[^1]);
    }

    public static IReadOnlyList<JsonObject> Cluster() => YamlJson.Documents(System.IO.File.ReadAllText(Path.Combine(Folder, "cluster.yaml")));
}
