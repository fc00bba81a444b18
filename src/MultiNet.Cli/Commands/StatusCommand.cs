using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Cli.Output;
using MultiNet.Cli.Status;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Cli.Commands;

/// <summary><c>status</c>: a pod's <c>k8s.v1.cni.cncf.io/network-status</c> from the cluster, as a table.</summary>
internal static class StatusCommand
{
    public const string Usage = """
        multinetctl status [NAMESPACE/]POD [-n NAMESPACE] [--kubeconfig PATH] [--timeout SECONDS] [-o text|json]

          Reads the pod's k8s.v1.cni.cncf.io/network-status annotation (written by multinet when the pod's sandbox
          was set up) and prints one row per attachment: network, interface, IPs, MAC, default, device-info.

          -n, --namespace  the pod's namespace (default: the kubeconfig context's namespace, else "default")
          --kubeconfig     kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or the pod's service account)
          --timeout        seconds to wait for the API (default 10)
          -o, --output     text (default) or json (the annotation's entries as they are)

          exit status: 0 shown, 1 no such pod or no network-status yet, 2 usage error or unusable kubeconfig,
          3 the Kubernetes API could not be reached or refused the request
        """;

    private const string NetworkStatusAnnotation = "k8s.v1.cni.cncf.io/network-status";

    private static readonly CommandSyntax Syntax = new()
    {
        Options = new HashSet<string> { "namespace", "kubeconfig", "output", "timeout" },
        Short = new Dictionary<string, string> { ["o"] = "output", ["n"] = "namespace" },
        TakesPositionals = true,
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var line = new CommandLine(args, Syntax);
        var output = line.Choice("output", "text", "json");
        if (line.Positionals.Count != 1)
        {
            throw new UsageException(line.Positionals.Count == 0 ? "give the pod's name" : "give one pod");
        }

        var timeout = Timeout(line.Get("timeout"));
        ClusterConnection connection;
        try
        {
            connection = ClusterConnection.Open(line.Get("kubeconfig"), timeout);
        }
        catch (CniException e)
        {
            throw new InputException(e.Message);
        }

        using (connection)
        {
            var (ns, name) = PodName(line.Positionals[0], line.Get("namespace") ?? connection.ContextNamespace ?? "default");
            string? status;
            try
            {
                status = await ReadStatusAsync(connection, ns, name, timeout, ct).ConfigureAwait(false);
            }
            catch (CniException e)
            {
                await stderr.WriteLineAsync($"multinetctl: {e.Message}").ConfigureAwait(false);
                return ExitCodes.ClusterUnreachable;
            }

            if (status is null)
            {
                await stderr.WriteLineAsync($"multinetctl: pod \"{ns}/{name}\" not found").ConfigureAwait(false);
                return ExitCodes.Problems;
            }

            return await PrintAsync(status, ns, name, output, stdout, stderr).ConfigureAwait(false);
        }
    }

    private static async Task<string?> ReadStatusAsync(ClusterConnection connection, string ns, string name, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var pod = await new KubernetesApiAccess(connection.Client).GetPodAsync(ns, name, deadline.Token).ConfigureAwait(false);
            return pod is null ? null : pod.Annotations.GetValueOrDefault(NetworkStatusAnnotation) ?? "";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CniException(CniErrorCode.TryAgainLater,
                $"get pod \"{ns}/{name}\": the kubernetes api did not answer within {timeout.TotalSeconds:0.#} s");
        }
    }

    private static async Task<int> PrintAsync(string status, string ns, string name, string output, TextWriter stdout, TextWriter stderr)
    {
        if (status.Length == 0)
        {
            await stderr.WriteLineAsync($"multinetctl: pod \"{ns}/{name}\" has no {NetworkStatusAnnotation} annotation yet: "
                + "multinet writes it once the pod's sandbox is set up (is the pod scheduled and running on a node with multinet?)").ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        JsonArray entries;
        try
        {
            entries = JsonNode.Parse(status) as JsonArray ?? throw new JsonException("expected a JSON list of attachments");
        }
        catch (JsonException e)
        {
            await stderr.WriteLineAsync($"multinetctl: pod \"{ns}/{name}\": annotation {NetworkStatusAnnotation} is not readable: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        if (output == "json")
        {
            await stdout.WriteLineAsync(JsonText.Indented(entries)).ConfigureAwait(false);
        }
        else
        {
            StatusTable.Write(entries, stdout);
        }

        return ExitCodes.Success;
    }

    private static (string Namespace, string Name) PodName(string argument, string defaultNamespace)
    {
        var slash = argument.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (defaultNamespace, argument) : (argument[..slash], argument[(slash + 1)..]);
    }

    private static TimeSpan Timeout(string? value)
    {
        if (value is null)
        {
            return TimeSpan.FromSeconds(10);
        }

        return double.TryParse(value.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--timeout \"{value}\": expected a number of seconds");
    }
}
