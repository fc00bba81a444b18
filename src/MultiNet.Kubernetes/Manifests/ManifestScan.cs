namespace MultiNet.Kubernetes.Manifests;

/// <summary>What <see cref="ManifestScanner"/> found: the files read, the objects in them, and the problems reading them.</summary>
public sealed record ManifestScan
{
    /// <summary>Every file read, in order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>NADs, pods and workloads, in file and document order.</summary>
    public required IReadOnlyList<ManifestObject> Objects { get; init; }

    /// <summary>Syntax errors, objects without a usable name, duplicates.</summary>
    public required IReadOnlyList<ManifestProblem> Problems { get; init; }

    /// <summary>The NADs.</summary>
    public IEnumerable<ManifestObject> Networks => Objects.Where(o => o.IsNetwork);

    /// <summary>Pods and workloads.</summary>
    public IEnumerable<ManifestObject> Pods => Objects.Where(o => !o.IsNetwork);
}
