using MultiNet.Kubernetes.Manifests;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Cli.Validate;

/// <summary>One problem found in a manifest, as <c>validate</c> prints it: <c>file:doc: object: [warning: ]field: problem</c>.</summary>
internal sealed record ProblemLine
{
    /// <summary>Reason of a document or field that could not be read as YAML/JSON or as the object it claims to be.</summary>
    public const string InvalidManifest = "InvalidManifest";

    /// <summary>Reason of a malformed metadata field other than the name.</summary>
    public const string InvalidMetadata = "InvalidMetadata";

    /// <summary>The file.</summary>
    public required string File { get; init; }

    /// <summary>1-based document index.</summary>
    public required int Document { get; init; }

    /// <summary>The object (<c>Pod default/web</c>), or null for a document that could not be read.</summary>
    public string? Object { get; init; }

    /// <summary>The field, or null.</summary>
    public string? Field { get; init; }

    /// <summary>What is wrong and, where it helps, how to fix it.</summary>
    public required string Message { get; init; }

    /// <summary>True for things that will work but are probably wrong.</summary>
    public bool IsWarning { get; init; }

    /// <summary>A short machine-readable reason (e.g. <c>network-not-found</c>), when the rule gives one.</summary>
    public string? Reason { get; init; }

    /// <summary>A problem found while reading the manifests (syntax, metadata, duplicates).</summary>
    public static ProblemLine From(ManifestProblem problem) => new()
    {
        File = problem.File,
        Document = problem.Document,
        Object = problem.Object,
        Field = problem.Field,
        Message = problem.Message,
        Reason = problem.Object is null ? InvalidManifest
            : problem.Field?.EndsWith("metadata.name", StringComparison.Ordinal) == true ? RuleReasons.InvalidName
            : InvalidMetadata,
    };

    /// <summary>The line; parts that are not known are left out rather than printed empty.</summary>
    public override string ToString()
    {
        var parts = new List<string> { $"{File}:{Document}" };
        if (Object is not null)
        {
            parts.Add(Object);
        }

        if (IsWarning)
        {
            parts.Add("warning");
        }

        if (Field is not null)
        {
            parts.Add(Field);
        }

        parts.Add(Message);
        return string.Join(": ", parts);
    }
}
