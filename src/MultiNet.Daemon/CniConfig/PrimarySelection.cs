namespace MultiNet.Daemon.CniConfig;

/// <summary>The outcome of one search for the primary config.</summary>
/// <param name="Primary">The selected config, or null with <paramref name="Problem"/> set.</param>
/// <param name="Problem">Why none was selected.</param>
/// <param name="Reason">A sentence naming the folder or file, for logs and readiness.</param>
/// <param name="Skipped">Candidates passed over on the way, each "file: why".</param>
internal sealed record PrimarySelection(PrimaryConfig? Primary, PrimaryProblem Problem, string? Reason, IReadOnlyList<string> Skipped);
