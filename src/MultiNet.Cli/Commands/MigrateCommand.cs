using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Cli.Migrate;
using MultiNet.Cli.Migrate.Genie;
using MultiNet.Cli.Migrate.Rollback;
using MultiNet.Cli.Output;

namespace MultiNet.Cli.Commands;

/// <summary>
/// <c>migrate</c>: a Multus config turned into its MultiNet equivalent, with a line for every key that does not carry over
/// as it is; with <c>--genie</c>, CNI-Genie's pod annotations turned into the NPWG ones.
/// </summary>
internal static class MigrateCommand
{
    public const string Usage = """
        multinetctl migrate MULTUS-CONFIG [--host-prefix PATH]... [-o text|json]
        multinetctl migrate --genie FILE|DIR... [--genie-conf-dir DIR] [--cluster-plugin NAME] [--namespace NS] [-o text|json]
        multinetctl migrate --to-multus [--cni-dir /var/lib/cni/multinet] [--multus-cni-dir /var/lib/cni/multus] [-o text|json]

          Reads a Multus config and prints the MultiNet equivalent on stdout:
            thin 00-multus.conf or 00-multus.conflist ("type": "multus")  ->  the multinet plugin config or conflist
            thick Multus's daemon-config.json (no "type")                  ->  multinetd's daemon.json, with its cniConfig block
          Every Multus key that does not carry over as it is gets one line on stderr:
            FILE: KEY: changed|not needed|not carried over: WHY AND WHAT TO DO
          The converted plugin config is checked with multinet's own parser before it is printed.
          "-" reads standard input.

          --host-prefix     thick: the folder under which Multus's container saw the host's folders; paths under it
                            are written as host paths (MultiNet mounts host folders at their host paths). Repeatable;
                            default /hostroot and /host, as in Multus's DaemonSet
          -o, --output      text (default): the config on stdout, findings on stderr; json: one document with
                            kind, carriedOver, config and findings (key, kind, message)

          --genie           read pod and workload manifests instead, and translate CNI-Genie's "cni" annotation
                            ("weave,macvlan@eth3") into k8s.v1.cni.cncf.io/networks, keeping Genie's interface names;
                            prints what to set and remove per object, then the NADs to create (kubectl apply -f -)
          --genie-conf-dir  the node folder of Genie's plugin configs (e.g. a copy of /etc/cni/net.d): each NAD gets
                            the config of the file Genie used for that plugin
          --cluster-plugin  Genie's name of the node's cluster network; an eth0 entry naming another plugin becomes
                            v1.multus-cni.io/default-network. Without it the eth0 entry is taken to be the cluster network
          -n, --namespace   namespace of objects that name none (default "default")

          --to-multus       before going back to Multus on a node (run it there, as root): for every MultiNet
                            checkpoint in --cni-dir, write the files Multus would have written for that pod into
                            --multus-cni-dir (its scratch cache and libcni's result files), so that Multus's DEL frees
                            what MultiNet attached and its GC counts those pods as valid. One line per container

          exit status: 0 converted (read the "changed" lines), 1 converted but something could not be carried over,
          2 usage error, or a file that cannot be read or is not a Multus config (the message names the field)
        """;

    private static readonly CommandSyntax Syntax = new()
    {
        Options = new HashSet<string> { "host-prefix", "output", "genie-conf-dir", "cluster-plugin", "namespace", "cni-dir", "multus-cni-dir" },
        Flags = new HashSet<string> { "genie", "to-multus" },
        Short = new Dictionary<string, string> { ["o"] = "output", ["n"] = "namespace" },
        TakesPositionals = true,
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var line = new CommandLine(args, Syntax);
        var output = line.Choice("output", "text", "json");
        var exit = line.Has("genie") ? RunGenie(line, output, stdout, stderr)
            : line.Has("to-multus") ? RunToMultus(line, output, stdout, stderr)
            : RunConfig(line, output, stdout, stderr);
        await stdout.FlushAsync(ct).ConfigureAwait(false);
        return exit;
    }

    private static int RunConfig(CommandLine line, string output, TextWriter stdout, TextWriter stderr)
    {
        if (new[] { "genie-conf-dir", "cluster-plugin", "namespace", "cni-dir", "multus-cni-dir" }.FirstOrDefault(o => line.Get(o) is not null) is { } other)
        {
            throw new UsageException($"--{other} goes with {(other.Contains("cni-dir", StringComparison.Ordinal) ? "--to-multus" : "--genie")}");
        }

        var source = line.Positionals switch
        {
            [var one] => one,
            [] => throw new UsageException("give the Multus config file (00-multus.conf, 00-multus.conflist or daemon-config.json)"),
            _ => throw new UsageException("give one Multus config file (or --genie and pod manifests)"),
        };
        var prefixes = line.All("host-prefix") is { Count: > 0 } given ? given : HostPaths.MultusDefaults;

        var (root, shape) = MultusInput.Load(source);
        var result = shape == MultusShape.DaemonConfig
            ? ThickMigration.Convert(root, prefixes)
            : ThinMigration.Convert(root, shape);
        ConvertedConfigCheck.Verify(result, source);

        if (output == "json")
        {
            MigrationReport.WriteJson(result, source, stdout);
        }
        else
        {
            MigrationReport.WriteText(result, source, stdout, stderr);
        }

        return result.CarriedOver ? ExitCodes.Success : ExitCodes.Problems;
    }

    private static int RunGenie(CommandLine line, string output, TextWriter stdout, TextWriter stderr)
    {
        if (line.Positionals.Count == 0)
        {
            throw new UsageException("give the pod or workload manifests whose CNI-Genie annotations to translate");
        }

        var folder = line.Get("genie-conf-dir") is { } dir
            ? Directory.Exists(dir) ? new GenieConfigFolder(dir) : throw new InputException($"--genie-conf-dir \"{dir}\": not a directory")
            : null;
        var scan = ManifestInput.Scan(line.Positionals, line.Get("namespace"), recursive: false);
        if (scan.Problems.Count > 0)
        {
            ManifestInput.WriteProblems(scan, stderr);
            return ExitCodes.Usage;
        }

        var migration = GenieMigration.WithNetworks(new GenieTranslator(line.Get("cluster-plugin")).Translate(scan), folder);
        if (output == "json")
        {
            GenieReport.WriteJson(migration, stdout);
        }
        else
        {
            GenieReport.WriteText(migration, stdout, stderr);
        }

        return migration.CarriedOver ? ExitCodes.Success : ExitCodes.Problems;
    }

    private static int RunToMultus(CommandLine line, string output, TextWriter stdout, TextWriter stderr)
    {
        if (line.Positionals.Count > 0)
        {
            throw new UsageException("--to-multus takes no file: it reads the checkpoints in --cni-dir");
        }

        var lines = new MultusCacheWriter(line.Get("cni-dir") ?? MultiNetConfig.DefaultCniDir, line.Get("multus-cni-dir") ?? MultiNetConfig.DefaultMultusCniDir).WriteAll();
        if (output == "json")
        {
            stdout.WriteLine(JsonText.Indented(new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
            {
                ["containerId"] = l.ContainerId,
                ["outcome"] = l.Outcome,
                ["message"] = l.Message,
            })])));
        }
        else
        {
            foreach (var (id, outcome, message) in lines)
            {
                stdout.WriteLine($"{id}: {outcome}: {message}");
            }

            stderr.WriteLine($"multinetctl migrate --to-multus: {lines.Count(l => l.Outcome == "written")} written, {lines.Count(l => l.Outcome == "skipped")} skipped, {lines.Count(l => l.Outcome == "failed")} failed");
        }

        return lines.Any(l => l.Outcome == "failed") ? ExitCodes.Problems : ExitCodes.Success;
    }
}
