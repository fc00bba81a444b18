using System.Text.Json.Nodes;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Configuration;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Controller.Admission;

/// <summary>
/// Pod CREATE goes through <see cref="PodNetworkRules"/> with NADs from the watch cache; a NAD the cache misses is
/// asked of the API once (see <see cref="NadFetcher"/>), and one the API cannot answer for is admitted with a warning.
/// </summary>
internal sealed class PodAdmission(NadCache nads, NadFetcher? fetcher, ControllerOptions options)
{
    /// <summary>Decides one review of a pod.</summary>
    public async Task<AdmissionVerdict> ReviewAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation != "CREATE")
        {
            return AdmissionVerdict.Allow;
        }

        JsonObject? metadata = request.Object?["metadata"] as JsonObject;
        string ns = request.Namespace is { Length: > 0 } rns ? rns : (string?)metadata?["namespace"] ?? "default";
        string name = request.Name is { Length: > 0 } rn ? rn : (string?)metadata?["name"] ?? $"{(string?)metadata?["generateName"]}*";
        string subject = $"pod \"{ns}/{name}\"";
        if (Annotations(metadata) is not { } annotations)
        {
            return new AdmissionVerdict { Allowed = false, Code = 400, Reason = ControllerReasons.InvalidObject, Reasons = [ControllerReasons.InvalidObject], Message = $"{subject}: metadata.annotations must map strings to strings" };
        }

        bool hostNetwork = request.Object?["spec"]?["hostNetwork"] is JsonValue v && v.TryGetValue(out bool b) && b;
        var misses = new HashSet<NadKey>();
        IReadOnlyList<RuleFinding> findings = PodNetworkRules.Validate(ns, annotations, (n, m) => nads.Lookup(n, m) ?? Miss(misses, n, m), options.Rules);
        var unverified = new List<RuleFinding>();
        if (misses.Count > 0 && fetcher is not null)
        {
            Dictionary<NadKey, NetworkAttachmentDefinition?> fetched = await fetcher.FetchAsync(misses, cancellationToken).ConfigureAwait(false);
            foreach (NadKey key in misses.Where(k => !fetched.ContainsKey(k)))
            {
                unverified.Add(new RuleFinding(RuleSeverity.Warning, "metadata.annotations", ControllerReasons.NetworkUnverified,
                    $"network \"{key}\" is not cached and the API did not answer; admitted without checking it"));
            }

            // A NAD the API could not answer for is judged as one whose config is on the node: it exists, nothing more is known.
            findings = PodNetworkRules.Validate(ns, annotations, (n, m) => Resolve(n, m, fetched), options.Rules);
        }

        AdmissionVerdict verdict = VerdictBuilder.From(subject, [.. findings, .. PodNetworkRules.ValidateHostNetwork(annotations, hostNetwork)]);
        return VerdictBuilder.WithWarnings(verdict, subject, unverified);
    }

    private NetworkAttachmentDefinition? Resolve(string ns, string name, Dictionary<NadKey, NetworkAttachmentDefinition?> fetched)
    {
        if (nads.Lookup(ns, name) is { } cached)
        {
            return cached;
        }

        var key = new NadKey(ns, name);
        return fetched.TryGetValue(key, out NetworkAttachmentDefinition? found)
            ? found
            : new NetworkAttachmentDefinition { Namespace = ns, Name = name };
    }

    private static NetworkAttachmentDefinition? Miss(HashSet<NadKey> misses, string ns, string name)
    {
        misses.Add(new NadKey(ns, name));
        return null;
    }

    private static Dictionary<string, string>? Annotations(JsonObject? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata?["annotations"] is not JsonObject map)
        {
            return metadata?["annotations"] is null ? result : null;
        }

        foreach ((string key, JsonNode? value) in map)
        {
            if (value is not JsonValue v || !v.TryGetValue(out string? s))
            {
                return null;
            }

            result[key] = s;
        }

        return result;
    }
}
