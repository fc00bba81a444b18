using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.Attachments.Engine;

/// <summary>Step "lookup pod": reads the Kubernetes keys of CNI_ARGS and fetches the pod when a source is configured.</summary>
internal sealed class PodContextLoader(IPodSource? pods)
{
    private const string IgnoreUnknown = "IgnoreUnknown";
    private static readonly string[] KubernetesKeys =
        ["K8S_POD_NAMESPACE", "K8S_POD_NAME", "K8S_POD_INFRA_CONTAINER_ID", "K8S_POD_UID"];

    /// <summary>For ADD: lookup failures are errors and a UID mismatch fails the request. (DEL never asks: it works from the checkpoint.)</summary>
    public async Task<PodContext> LoadForAddAsync(CniEnvironment env, CancellationToken ct)
    {
        var context = FromArgs(env);
        RequireValidIdentity(context);
        if (pods is null || context.Namespace is null || context.Name is null)
        {
            return context;
        }

        var pod = await pods.GetPodAsync(context.Namespace, context.Name, ct).ConfigureAwait(false);
        if (pod is not null && context.Uid is not null && pod.Uid.Length > 0 && pod.Uid != context.Uid)
        {
            throw new CniException(CniErrorCode.PodMismatch,
                $"pod \"{context.Namespace}/{context.Name}\": expected uid \"{context.Uid}\" but the api has uid \"{pod.Uid}\"",
                "the pod was deleted and re-created while its sandbox was being set up; the runtime will retry");
        }

        return context with { Pod = pod };
    }

    /// <summary>Parses CNI_ARGS only, without calling the cluster.</summary>
    public static PodContext FromArgs(CniEnvironment env)
    {
        var args = CniArgs.Parse(env.Args);
        string? Get(string key) => args.LastOrDefault(p => p.Key == key).Value is { Length: > 0 } v ? v : null;
        return new PodContext
        {
            Namespace = Get("K8S_POD_NAMESPACE"),
            Name = Get("K8S_POD_NAME"),
            Uid = Get("K8S_POD_UID"),
            DelegateArgs = DelegateArgs(args, env.ContainerId),
        };
    }

    // A name that Kubernetes would never accept cannot be looked up (it would read as "pod gone" and attach the
    // cluster network only) and must not reach an API path. DEL does not check: it must always be able to clean up.
    private static void RequireValidIdentity(PodContext context)
    {
        var problem = context.Namespace is { } ns && DnsLabel.Problem(ns) is { } nsProblem
            ? $"K8S_POD_NAMESPACE {QuotedValue.Of(ns)} {nsProblem}"
            : context.Name is { } name && PodNameProblem(name) is { } nameProblem
                ? $"K8S_POD_NAME {QuotedValue.Of(name)} {nameProblem}"
                : null;
        if (problem is not null)
        {
            throw new CniException(CniErrorCode.InvalidEnvironment, $"environment variable CNI_ARGS: {problem}");
        }
    }

    // Pod names are DNS-1123 subdomains: dot-separated labels, 253 characters at most.
    private static string? PodNameProblem(string name) =>
        name.Length > 253 ? "is longer than 253 characters"
        : name.Split('.').All(DnsLabel.IsValid) ? null
        : "is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')";

    private static List<KeyValuePair<string, string>> DelegateArgs(IReadOnlyList<KeyValuePair<string, string>> args, string? containerId)
    {
        var result = new List<KeyValuePair<string, string>> { new(IgnoreUnknown, "true") };
        foreach (var key in KubernetesKeys)
        {
            var value = args.LastOrDefault(p => p.Key == key).Value;
            if (key == "K8S_POD_INFRA_CONTAINER_ID" && string.IsNullOrEmpty(value))
            {
                value = containerId;
            }

            if (!string.IsNullOrEmpty(value))
            {
                result.Add(new(key, value));
            }
        }

        foreach (var pair in args)
        {
            if (pair.Key != IgnoreUnknown && Array.IndexOf(KubernetesKeys, pair.Key) < 0 && result.TrueForAll(p => p.Key != pair.Key))
            {
                result.Add(pair);
            }
        }

        return result;
    }
}
