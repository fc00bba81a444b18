using System.Text.Json.Nodes;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>What one run of the published <c>multinetctl</c> did.</summary>
internal sealed record CtlOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout as the network-status array <c>attach</c> prints by default.</summary>
    public JsonArray Status => JsonNode.Parse(Stdout) as JsonArray
        ?? throw new InvalidOperationException($"stdout is not a JSON array: {Stdout}");

    /// <summary>stdout as the CNI result <c>attach --output result</c> prints.</summary>
    public JsonObject Result => JsonNode.Parse(Stdout) as JsonObject
        ?? throw new InvalidOperationException($"stdout is not a JSON object: {Stdout}");

    /// <summary>Used as the "because" of assertions, so a failure shows what the command said.</summary>
    public override string ToString() => $"multinetctl exited {ExitCode}{Environment.NewLine}stdout: {Stdout}{Environment.NewLine}stderr: {Stderr}";
}
