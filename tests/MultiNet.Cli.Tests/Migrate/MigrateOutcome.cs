using System.Text.Json.Nodes;
using MultiNet.Cli.Tests.Commands;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>What one <c>migrate</c> run printed, read back.</summary>
internal sealed record MigrateOutcome(CtlOutcome Run)
{
    public int ExitCode => Run.ExitCode;

    /// <summary>The <c>-o json</c> document.</summary>
    public JsonObject Report => JsonNode.Parse(Run.Stdout)!.AsObject();

    /// <summary>The converted config of a <c>-o json</c> run.</summary>
    public JsonObject Config => Report["config"]!.AsObject();

    /// <summary>(key, kind) of every finding of a <c>-o json</c> run, in order.</summary>
    public IReadOnlyList<(string Key, string Kind)> Findings =>
        [.. Report["findings"]!.AsArray().Select(f => ((string)f!["key"]!, (string)f["kind"]!))];

    /// <summary>The message of the finding on <paramref name="key"/> with <paramref name="kind"/>.</summary>
    public string Message(string key, string kind) => (string)Report["findings"]!.AsArray()
        .Single(f => (string)f!["key"]! == key && (string)f["kind"]! == kind)!["message"]!;

    public override string ToString() => Run.ToString();
}
