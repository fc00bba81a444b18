namespace MultiNet.Testing.ApiServer;

/// <summary>A request as fault rules see it.</summary>
public sealed record StandInRequest
{
    /// <summary>HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>URL path, e.g. /api/v1/namespaces/default/pods/a.</summary>
    public required string Path { get; init; }

    /// <summary>Query string including the leading '?', or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection, or discovery.</summary>
    public string Verb { get; init; } = "";

    /// <summary>Resource plural (pods, network-attachment-definitions, events), or null for discovery.</summary>
    public string? Resource { get; init; }

    /// <summary>Subresource (status), or null.</summary>
    public string? Subresource { get; init; }

    /// <summary>Namespace from the path, or null.</summary>
    public string? Namespace { get; init; }

    /// <summary>Object name from the path, or null.</summary>
    public string? Name { get; init; }
}
