using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate;

/// <summary>A converted config: what to install, and what the conversion has to say about the Multus keys.</summary>
/// <param name="Shape">The Multus file it came from.</param>
/// <param name="Output">The multinet plugin config / conflist, or multinetd's daemon.json.</param>
/// <param name="Findings">One per key that did not carry over as it was.</param>
internal sealed record MigrationResult(MultusShape Shape, JsonObject Output, IReadOnlyList<MigrationFinding> Findings)
{
    /// <summary>False when some key has no MultiNet equivalent.</summary>
    public bool CarriedOver => Findings.All(f => f.Kind != FindingKind.NotCarriedOver);
}
