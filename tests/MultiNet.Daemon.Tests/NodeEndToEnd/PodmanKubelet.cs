using System.Globalization;
using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.NodeEndToEnd;

/// <summary>
/// Runs the containers of one rendered pod spec with podman the way a kubelet would: the same image, command, args
/// and env (downward-API fields resolved), hostPath volumes at their mount paths with their propagation and
/// read-only flags, configMap volumes as files, the service-account token and KUBERNETES_SERVICE_* for in-cluster
/// access, privileged, read-only root, host network and host PID as the spec says. Every container it creates is
/// named "mn-e2e-&lt;id&gt;-…" and removed by <see cref="Dispose"/>.
/// </summary>
internal sealed class PodmanKubelet(string id, JsonObject podSpec, PodmanKubelet.PodContext context) : IDisposable
{
    /// <summary>What the kubelet and the API server fill in: names, downward-API values, mounted secrets and configMaps.</summary>
    internal sealed record PodContext(
        string NodeName, string Namespace, string PodName, string ServiceAccountDir, Uri ApiServer, IReadOnlyDictionary<string, string> ConfigMapDirs);

    private const string ServiceAccountMount = "/var/run/secrets/kubernetes.io/serviceaccount";
    private readonly List<string> _containers = [];

    /// <summary>Runs every init container in order to completion; the first that exits non-zero is returned with its output.</summary>
    public (string Name, int ExitCode, string Output)? RunInitContainers()
    {
        foreach (var container in podSpec["initContainers"]?.AsArray() ?? [])
        {
            var name = Create(container!.AsObject());
            var (code, stdout, stderr) = Shell.Run("podman", "start", "--attach", name);
            if (code != 0)
            {
                return (name, code, stdout + stderr);
            }
        }

        return null;
    }

    /// <summary>Creates and starts the container named <paramref name="containerName"/> in the spec; returns podman's name for it.</summary>
    public string Start(string containerName)
    {
        var container = podSpec["containers"]!.AsArray().Single(c => (string)c!["name"]! == containerName)!.AsObject();
        var name = Create(container);
        Shell.Check("podman", "start", name);
        return name;
    }

    /// <summary>The container's log (stdout and stderr).</summary>
    public static string Logs(string name)
    {
        var (_, stdout, stderr) = Shell.Run("podman", "logs", name);
        return stdout + stderr;
    }

    /// <summary>Removes every container this kubelet created.</summary>
    public void Dispose()
    {
        foreach (var name in _containers)
        {
            Shell.Run("podman", "rm", "--force", "--time", "0", name);
        }
    }

    private string Create(JsonObject container)
    {
        var name = $"mn-e2e-{id}-{(string)container["name"]!}-{_containers.Count}";
        var args = new List<string>
        {
            "create", "--name", name, "--runtime", "/usr/sbin/runc", "--log-driver", "k8s-file",
            "--ulimit", "nofile=1024:20000", "--ulimit", "nproc=1024:4096",
        };
        if (podSpec["hostNetwork"]?.GetValue<bool>() == true)
        {
            args.AddRange(["--network", "host"]);
        }

        if (podSpec["hostPID"]?.GetValue<bool>() == true)
        {
            args.AddRange(["--pid", "host"]);
        }

        var security = container["securityContext"];
        if (security?["privileged"]?.GetValue<bool>() == true)
        {
            args.Add("--privileged");
        }

        if (security?["runAsUser"] is { } user)
        {
            args.AddRange(["--user", $"{user}:{security["runAsGroup"] ?? user}"]);
        }

        if (security?["readOnlyRootFilesystem"]?.GetValue<bool>() == true)
        {
            // podman would add writable tmpfs folders (/tmp, /run, /var/tmp) to a read-only root; a kubelet adds none.
            args.AddRange(["--read-only", "--read-only-tmpfs=false"]);
        }

        foreach (var (key, value) in Environment(container))
        {
            args.AddRange(["--env", $"{key}={value}"]);
        }

        foreach (var volume in Volumes(container))
        {
            args.AddRange(["--volume", volume]);
        }

        var command = container["command"]!.AsArray().Select(c => (string)c!).ToList();
        args.AddRange(["--entrypoint", command[0], (string)container["image"]!]);
        args.AddRange(command.Skip(1));
        args.AddRange(container["args"]?.AsArray().Select(a => (string)a!) ?? []);
        Shell.Check("podman", [.. args]);
        _containers.Add(name);
        return name;
    }

    private IEnumerable<(string Key, string Value)> Environment(JsonObject container)
    {
        yield return ("KUBERNETES_SERVICE_HOST", context.ApiServer.Host);
        yield return ("KUBERNETES_SERVICE_PORT", context.ApiServer.Port.ToString(CultureInfo.InvariantCulture));
        foreach (var env in container["env"]?.AsArray() ?? [])
        {
            var field = (string?)env!["valueFrom"]?["fieldRef"]?["fieldPath"];
            yield return ((string)env["name"]!, field switch
            {
                null => (string)env["value"]!,
                "spec.nodeName" => context.NodeName,
                "metadata.namespace" => context.Namespace,
                "metadata.name" => context.PodName,
                _ => throw new InvalidOperationException($"env {env["name"]}: field {field} is not filled in by this test kubelet"),
            });
        }
    }

    private IEnumerable<string> Volumes(JsonObject container)
    {
        var volumes = podSpec["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        yield return $"{context.ServiceAccountDir}:{ServiceAccountMount}:ro";
        foreach (var mount in container["volumeMounts"]?.AsArray() ?? [])
        {
            var volume = volumes[(string)mount!["name"]!];
            var source = volume["hostPath"] is { } hostPath ? (string)hostPath["path"]!
                : volume["configMap"] is { } configMap ? context.ConfigMapDirs[(string)configMap["name"]!]
                : throw new InvalidOperationException($"volume {volume["name"]}: only hostPath and configMap volumes are run by this test kubelet");
            if (!Directory.Exists(source))
            {
                throw new InvalidOperationException($"volume {volume["name"]}: \"{source}\" does not exist on this host: the test must provide it");
            }

            var options = new List<string>();
            if (mount["readOnly"]?.GetValue<bool>() == true || volume["configMap"] is not null)
            {
                options.Add("ro");
            }

            switch ((string?)mount["mountPropagation"])
            {
                case "HostToContainer":
                    options.Add("rslave");
                    break;
                case "Bidirectional":
                    options.Add("rshared");
                    break;
                default:
                    // The kubelet's default (None) is a private recursive bind.
                    options.Add("rprivate");
                    break;
            }

            yield return $"{source}:{(string)mount["mountPath"]!}:{string.Join(',', options)}";
        }
    }
}
