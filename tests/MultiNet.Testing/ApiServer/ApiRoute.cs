namespace MultiNet.Testing.ApiServer;

/// <summary>A request path taken apart the way kube-apiserver reads it.</summary>
internal sealed record ApiRoute
{
    public required ResourceType Resource { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? Subresource { get; init; }
    /// <summary>The legacy /watch/ path prefix was used.</summary>
    public bool WatchPrefix { get; init; }

    /// <summary>Parses /api/v1/... and /apis/{group}/{version}/...; null when the path names no served resource.</summary>
    public static ApiRoute? Parse(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var watch = false;
        if (parts[rest] == "watch")
        {
            watch = true;
            rest++;
        }

        string? ns = null;
        if (parts.Length - rest >= 3 && parts[rest] == "namespaces")
        {
            ns = parts[rest + 1];
            rest += 2;
        }

        if (parts.Length <= rest || parts.Length - rest > 3)
        {
            return null;
        }

        var resource = ResourceType.Find(group, version, parts[rest]);
        if (resource is null || (ns is not null && !resource.Namespaced))
        {
            return null;
        }

        return new ApiRoute
        {
            Resource = resource,
            Namespace = ns,
            Name = parts.Length - rest >= 2 ? Uri.UnescapeDataString(parts[rest + 1]) : null,
            Subresource = parts.Length - rest == 3 ? parts[rest + 2] : null,
            WatchPrefix = watch,
        };
    }
}
