namespace MultiNet.Kubernetes.Manifests;

/// <summary>Something wrong with a manifest found while reading it (syntax, a missing name, a duplicate).</summary>
public sealed record ManifestProblem
{
    /// <summary>The file.</summary>
    public required string File { get; init; }

    /// <summary>1-based document index.</summary>
    public required int Document { get; init; }

    /// <summary>The object (<see cref="ManifestObject.Label"/>), or null when the document could not be read.</summary>
    public string? Object { get; init; }

    /// <summary>The field, e.g. <c>metadata.name</c>, or null.</summary>
    public string? Field { get; init; }

    /// <summary>What is wrong, lowercase.</summary>
    public required string Message { get; init; }
}
