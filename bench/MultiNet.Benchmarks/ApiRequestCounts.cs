using MultiNet.Testing.ApiServer;

namespace MultiNet.Benchmarks;

/// <summary>The API requests one plugin call made, by kind; <see cref="Total"/> counts every request, these and any other.</summary>
internal sealed record ApiRequestCounts(int PodGets, int NadGets, int PodWrites, int EventWrites, int Total)
{
    public static ApiRequestCounts From(IReadOnlyList<RecordedRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return new ApiRequestCounts(
            Count(requests, "/pods", "GET"),
            Count(requests, "/network-attachment-definitions", "GET"),
            Count(requests, "/pods", "PATCH", "PUT", "POST"),
            Count(requests, "/events", "POST", "PATCH", "PUT"),
            requests.Count);
    }

    private static int Count(IReadOnlyList<RecordedRequest> requests, string resource, params string[] methods) =>
        requests.Count(r => methods.Contains(r.Method, StringComparer.OrdinalIgnoreCase) && r.Path.Contains(resource, StringComparison.Ordinal));
}
