using MultiNet.Testing.ApiServer;

namespace MultiNet.Benchmarks;

/// <summary>The API requests one plugin call made, by kind; <see cref="Total"/> counts every request, these and any other.</summary>
internal sealed record ApiRequestCounts(int PodGets, int NadGets, int PodWrites, int EventWrites, int Total)
{
    /// <summary>Every request that reads (GET) and every one that writes (POST, PUT, PATCH, DELETE).</summary>
    public int Reads { get; init; }
    public int Writes { get; init; }

    public static ApiRequestCounts From(IReadOnlyList<RecordedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // The daemon's LIST and WATCH requests belong to its caches, not to any one call.
        requests = [.. requests.Where(r => r.Verb is not ("watch" or "list"))];
        return new ApiRequestCounts(
            Count(requests, "/pods", "GET"),
            Count(requests, "/network-attachment-definitions", "GET"),
            Count(requests, "/pods", "PATCH", "PUT", "POST"),
            Count(requests, "/events", "POST", "PATCH", "PUT"),
            requests.Count)
        {
            Reads = requests.Count(r => r.Method == "GET"),
            Writes = requests.Count(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE"),
        };
    }

    private static int Count(IReadOnlyList<RecordedRequest> requests, string resource, params string[] methods) =>
        requests.Count(r => methods.Contains(r.Method, StringComparer.OrdinalIgnoreCase) && r.Path.Contains(resource, StringComparison.Ordinal));
}
