using MultiNet.Controller.Caches;

namespace MultiNet.Controller.Admission;

/// <summary>A bounded list of pods for messages: <c>3 pods (a/x, a/y, b/z)</c>, or <c>12 pods (a/x, ... and 2 more)</c>.</summary>
internal static class PodList
{
    /// <summary>Names at most <paramref name="max"/> of <paramref name="pods"/>.</summary>
    public static string Describe(IReadOnlyList<PodRecord> pods, int max)
    {
        ArgumentNullException.ThrowIfNull(pods);
        string names = string.Join(", ", pods.Take(max).Select(p => p.Key));
        string more = pods.Count > max ? $" and {pods.Count - max} more" : "";
        return $"{pods.Count} {(pods.Count == 1 ? "pod" : "pods")} ({names}{more})";
    }

    /// <summary><paramref name="singular"/> for one pod, else <paramref name="plural"/>.</summary>
    public static string Verb(IReadOnlyList<PodRecord> pods, string singular, string plural) => pods.Count == 1 ? singular : plural;
}
