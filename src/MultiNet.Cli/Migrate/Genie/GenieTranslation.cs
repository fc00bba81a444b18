namespace MultiNet.Cli.Migrate.Genie;

/// <summary>What one Genie-annotated pod or workload becomes: annotations to set and remove, NADs it needs, and findings.</summary>
internal sealed record GenieTranslation
{
    public required string File { get; init; }

    public required int Document { get; init; }

    /// <summary><c>Deployment apps/web</c>.</summary>
    public required string Object { get; init; }

    /// <summary>Where the pod's annotations are (<c>metadata.annotations</c>, or the template's).</summary>
    public required string AnnotationsPath { get; init; }

    /// <summary>Annotations to set, by name.</summary>
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();

    /// <summary>Genie's annotations to remove.</summary>
    public IReadOnlyList<string> Remove { get; init; } = [];

    /// <summary>(namespace, plugin) of each NAD the new annotations name.</summary>
    public IReadOnlyList<(string Namespace, string Name)> Networks { get; init; } = [];

    public IReadOnlyList<MigrationFinding> Findings { get; init; } = [];
}
