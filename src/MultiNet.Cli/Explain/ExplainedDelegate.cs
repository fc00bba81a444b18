using System.Text.Json.Nodes;

namespace MultiNet.Cli.Explain;

/// <summary>One plugin of an attachment's config and the runtimeConfig it would receive.</summary>
/// <param name="Type">The plugin's <c>type</c> (the binary run).</param>
/// <param name="Capabilities">The capabilities it declares.</param>
/// <param name="RuntimeConfig">Its runtimeConfig, or null when it gets none.</param>
internal sealed record ExplainedDelegate(string Type, IReadOnlyList<string> Capabilities, JsonObject? RuntimeConfig);
