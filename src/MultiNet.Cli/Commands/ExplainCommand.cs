using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Planning;
using MultiNet.Cli.Explain;
using MultiNet.Cli.Output;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Manifests;

namespace MultiNet.Cli.Commands;

/// <summary>
/// <c>explain</c>: the attachments the plugin would make for a pod, from the engine's own planner with NADs from
/// manifest files. Nothing is run and no cluster is asked.
/// </summary>
internal static class ExplainCommand
{
    public const string Usage = """
        multinetctl explain POD-MANIFEST [--networks FILE|DIR]... [--config FILE] [--pod [NAMESPACE/]NAME]
                            [--namespace NS] [--ifname eth0] [-o text|json]

          Shows what the plugin would do for the pod: the attachments in order (cluster network first, then
          defaultNetworks, then the pod's selections), interface names, each network's delegate chain, the
          runtimeConfig each delegate would get, the default route, and device ids for NADs with a resourceName.

          POD-MANIFEST  a Pod, or a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (its pod template)
          --networks    NetworkAttachmentDefinition manifests (NADs in POD-MANIFEST count too)
          --config      the multinet network config of the node (without it the cluster network is a placeholder)
          --pod         which pod when the manifests hold several
          --namespace   namespace of objects that name none (default "default")
          --ifname      the runtime's CNI_IFNAME, the cluster network's interface (default eth0)
          -o, --output  text (default) or json

          exit status: 0 plan shown, 1 the plugin would refuse this pod (the error says why), 2 usage or unreadable input
        """;

    private const string PlaceholderClusterNetwork = "cluster-network-from-config";

    private static readonly CommandSyntax Syntax = new()
    {
        Options = new HashSet<string> { "networks", "config", "pod", "namespace", "ifname", "output" },
        Short = new Dictionary<string, string> { ["o"] = "output", ["n"] = "namespace" },
        TakesPositionals = true,
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var line = new CommandLine(args, Syntax);
        var output = line.Choice("output", "text", "json");
        if (line.Positionals.Count == 0)
        {
            throw new UsageException("give the pod's manifest file");
        }

        var configPath = line.Get("config");
        var config = configPath is null ? PlaceholderConfig() : ConfigFile.Load(configPath);
        var scan = ManifestInput.Scan([.. line.Positionals, .. line.All("networks")], line.Get("namespace"), recursive: false);
        if (scan.Problems.Count > 0)
        {
            ManifestInput.WriteProblems(scan, stderr);
            return ExitCodes.Usage;
        }

        var pod = ChoosePod(scan, line.Positionals, line.Get("pod"));
        var cluster = new ClusterAccess
        {
            Pods = new ScannedManifests(scan),
            Networks = new ScannedManifests(scan),
            Devices = new KubeletDevicePlaceholders(),
        };

        AttachmentPlan plan;
        try
        {
            plan = await PlanPreview.PlanAddAsync(Environment(pod, line.Get("ifname") ?? "eth0"), config, cluster, ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            await stderr.WriteLineAsync($"multinetctl: the plugin would refuse pod \"{pod.Namespace}/{pod.Name}\": error {(int)e.Code}: {e.Message}").ConfigureAwait(false);
            if (e.Details is not null)
            {
                await stderr.WriteLineAsync($"  {e.Details}").ConfigureAwait(false);
            }

            return ExitCodes.Problems;
        }

        var sources = AttachmentSources.For(config, pod.ToPod().Annotations, pod.Namespace, plan.Attachments.Count);
        var explanation = PlanExplanation.From(plan, sources, $"{pod.Kind} in {pod.File}:{pod.Document}",
            configPath ?? $"none given: \"{PlaceholderClusterNetwork}\" stands for the node's cluster network (pass --config)");
        if (output == "json")
        {
            await stdout.WriteLineAsync(JsonText.Indented(PlanJson.From(explanation))).ConfigureAwait(false);
        }
        else
        {
            PlanText.Write(explanation, stdout);
        }

        return ExitCodes.Success;
    }

    private static ManifestObject ChoosePod(ManifestScan scan, IReadOnlyList<string> podFiles, string? wanted)
    {
        var podPaths = podFiles.SelectMany(p => ManifestScanner.ExpandPath(p, recursive: false)).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var candidates = scan.Pods.Where(p => podPaths.Contains(Path.GetFullPath(p.File))).ToList();
        if (wanted is not null)
        {
            var matches = candidates.Where(p => wanted == p.Name || wanted == $"{p.Namespace}/{p.Name}").ToList();
            return matches.Count == 1 ? matches[0]
                : matches.Count == 0 ? throw new UsageException($"--pod \"{wanted}\": no such pod in {string.Join(", ", podFiles)}{Listing(candidates)}")
                : throw new UsageException($"--pod \"{wanted}\": several match; give NAMESPACE/NAME{Listing(matches)}");
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new UsageException($"{string.Join(", ", podFiles)}: no Pod or workload with a pod template found"),
            _ => throw new UsageException($"{string.Join(", ", podFiles)}: holds {candidates.Count} pods; choose one with --pod{Listing(candidates)}"),
        };
    }

    private static string Listing(List<ManifestObject> pods) =>
        pods.Count == 0 ? "" : $" (found: {string.Join(", ", pods.Select(p => p.Label))})";

    private static CniEnvironment Environment(ManifestObject pod, string ifName)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = "ADD",
            ["CNI_CONTAINERID"] = "explain",
            ["CNI_NETNS"] = "/var/run/netns/explain",
            ["CNI_IFNAME"] = ifName,
            ["CNI_ARGS"] = $"IgnoreUnknown=true;K8S_POD_NAMESPACE={pod.Namespace};K8S_POD_NAME={pod.Name}",
        };
        try
        {
            return CniEnvironment.Parse(key => values.GetValueOrDefault(key));
        }
        catch (CniException e)
        {
            throw new UsageException($"--ifname \"{ifName}\": {e.Message}");
        }
    }

    private static MultiNetConfig PlaceholderConfig() => MultiNetConfigParser.Parse(new JsonObject
    {
        ["cniVersion"] = "1.0.0",
        ["name"] = "multinet",
        ["type"] = "multinet",
        ["delegates"] = new JsonArray(new JsonObject
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = PlaceholderClusterNetwork,
            ["type"] = PlaceholderClusterNetwork,
        }),
    });
}
