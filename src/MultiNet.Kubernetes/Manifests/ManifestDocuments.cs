using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>The documents of one manifest file read up to its first syntax error, and that error if there was one.</summary>
/// <param name="Documents">The documents before the error (all of them when there was none); an empty document is null.</param>
internal sealed record ManifestDocuments(IReadOnlyList<JsonNode?> Documents)
{
    /// <summary>The syntax error, with file and document in its message; null when the whole file was read.</summary>
    public CniException? Error { get; init; }

    /// <summary>1-based document the error is in.</summary>
    public int ErrorDocument { get; init; }

    /// <summary>The error without the file and document prefix, e.g. <c>line 3, column 5: ...</c>.</summary>
    public string? Problem { get; init; }
}
