using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Netns;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;
using MultiNet.Kubernetes.Manifests;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Cli.Commands;

/// <summary>
/// <c>attach</c> / <c>detach</c> / <c>check</c>: the plugin's engine on a network namespace, with NADs and pods from
/// manifest files instead of a cluster. Useful with podman, containerd or plain <c>ip netns</c>.
/// </summary>
internal static class AttachCommand
{
    public const string Usage = """
        multinetctl attach --netns NAME|PATH --config FILE [--manifests FILE|DIR]...
                           (--pod NAMESPACE/NAME | --networks ANNOTATION [--namespace NS] [--pod-name NAME])
                           [--container-id ID] [--ifname eth0] [--cni-path DIRS] [--output status|result]
        multinetctl detach --netns NAME|PATH --config FILE [--container-id ID] [--ifname eth0] [--cni-path DIRS]
        multinetctl check  --netns NAME|PATH --config FILE [--container-id ID] [--ifname eth0] [--cni-path DIRS]

          --config     a multinet network config (the JSON the runtime would give the plugin)
          --manifests  NetworkAttachmentDefinition and Pod manifests (YAML or JSON)
          --networks   the pod's k8s.v1.cni.cncf.io/networks annotation, e.g. "macvlan-a, storage@data0"
          --container-id  defaults to multinetctl-<netns name>; detach needs the same one
        """;

    private static readonly HashSet<string> Options =
        ["netns", "config", "manifests", "pod", "networks", "namespace", "pod-name", "container-id", "ifname", "cni-path", "output"];

    public static async Task<int> RunAsync(CniCommand command, IReadOnlyList<string> args, TextWriter stdout, CancellationToken ct)
    {
        var line = new CommandLine(args, Options);
        var netnsPath = NetnsPath(line.Required("netns"));
        var config = ConfigFile.Load(line.Required("config"));
        var manifests = ManifestFolder.Load(line.All("manifests"));
        var (podNamespace, podName, commandLinePod) = Pod(line, netnsPath);
        var output = line.Choice("output", "status", "result");

        if (command == CniCommand.Add && line.Get("pod") is not null
            && await manifests.GetPodAsync(podNamespace!, podName!, ct).ConfigureAwait(false) is null)
        {
            throw new UsageException($"--pod \"{podNamespace}/{podName}\": no Pod with that name in the manifests");
        }

        var containerId = line.Get("container-id") ?? $"multinetctl-{Path.GetFileName(netnsPath)}";
        var env = Environment(command, containerId, netnsPath, line.Get("ifname") ?? "eth0", podNamespace, podName,
            line.Get("cni-path") ?? "/opt/cni/bin:/usr/lib/cni");

        var cluster = new ClusterAccess
        {
            Pods = new StandalonePods(manifests, commandLinePod),
            Networks = manifests,
            Status = manifests,
            Events = manifests,
        };
        var engine = new AttachmentEngine(cluster, new NetlinkPodNetworkNamespace());
        switch (command)
        {
            case CniCommand.Add:
                var result = await engine.AddAsync(env, config, ct).ConfigureAwait(false);
                var status = podNamespace is null ? null : manifests.LastNetworkStatus(podNamespace, podName!);
                if (output == "result" || status is null)
                {
                    stdout.WriteLine(Pretty(ResultConverter.ToJsonString(result, config.CniVersion)));
                }
                else
                {
                    stdout.WriteLine(Pretty(status));
                }

                return 0;
            case CniCommand.Del:
                await engine.DelAsync(env, config, ct).ConfigureAwait(false);
                stdout.WriteLine($"detached {containerId} from {netnsPath}");
                return 0;
            default:
                await engine.CheckAsync(env, config, ct).ConfigureAwait(false);
                stdout.WriteLine($"{containerId}: every attachment checks out");
                return 0;
        }
    }

    private static string NetnsPath(string value) => value.Contains('/', StringComparison.Ordinal) ? value : $"/var/run/netns/{value}";

    private static (string? Namespace, string? Name, PodInfo? Pod) Pod(CommandLine line, string netnsPath)
    {
        var pod = line.Get("pod");
        var networks = line.Get("networks");
        if (pod is not null && networks is not null)
        {
            throw new UsageException("give either --pod or --networks, not both");
        }

        if (pod is not null)
        {
            var slash = pod.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? ("default", pod, null) : (pod[..slash], pod[(slash + 1)..], null);
        }

        var ns = line.Get("namespace") ?? "default";
        var name = line.Get("pod-name") ?? Path.GetFileName(netnsPath);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (networks is not null)
        {
            annotations[NetworkSelectionParser.AnnotationKey] = networks;
        }

        return (ns, name, new PodInfo { Namespace = ns, Name = name, Uid = $"standalone-{ns}-{name}", Annotations = annotations });
    }

    private static CniEnvironment Environment(CniCommand command, string containerId, string netns, string ifName,
        string? podNamespace, string? podName, string cniPath)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = command switch { CniCommand.Add => "ADD", CniCommand.Del => "DEL", _ => "CHECK" },
            ["CNI_CONTAINERID"] = containerId,
            ["CNI_NETNS"] = netns,
            ["CNI_IFNAME"] = ifName,
            ["CNI_PATH"] = cniPath,
            ["CNI_ARGS"] = podNamespace is null ? null
                : $"IgnoreUnknown=true;K8S_POD_NAMESPACE={podNamespace};K8S_POD_NAME={podName};K8S_POD_INFRA_CONTAINER_ID={containerId}",
        };
        return CniEnvironment.Parse(key => values.GetValueOrDefault(key));
    }

    private static string Pretty(string json) =>
        JsonNode.Parse(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? json;
}
