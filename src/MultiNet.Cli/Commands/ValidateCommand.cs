using MultiNet.Cli.Validate;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Cli.Commands;

/// <summary><c>validate</c>: NAD and pod manifests checked offline with the admission controller's rules.</summary>
internal static class ValidateCommand
{
    public const string Usage = """
        multinetctl validate FILE|DIR... [--networks FILE|DIR]... [--namespace NS] [-R]
                             [--config FILE] [--namespace-isolation] [--global-namespaces NS,NS...]
                             [--strict] [-o text|json]

          Checks NetworkAttachmentDefinitions and the network requests of Pods, Deployments, StatefulSets,
          DaemonSets, ReplicaSets, Jobs and CronJobs (their pod templates) with the admission controller's rules,
          without a cluster: the NADs in the given files count as the ones that exist. YAML (multi-document) and
          JSON; a directory means its *.yaml, *.yml and *.json files; "-" reads standard input
          (e.g. kustomize build overlays/prod | multinetctl validate -).

          Prints one line per problem:  FILE:DOC: OBJECT: [warning: ]FIELD: PROBLEM   (DOC counts from 1)

          --networks             more NADs that exist (e.g. exported from the cluster); not checked themselves
          --namespace            namespace of objects that name none (default "default")
          -R, --recursive        also read the subdirectories of DIR
          --config               take namespaceIsolation, globalNamespaces and multusNamespace from a multinet config
          --namespace-isolation  pods may use only NADs of their own namespace and of the global namespaces
          --global-namespaces    namespaces whose NADs every pod may use (default "default")
          --strict               warnings fail the run too
          -o, --output           text (default) or json

          exit status: 0 no errors (warnings allowed unless --strict), 1 problems found,
          2 usage error or a file that cannot be read
        """;

    private static readonly CommandSyntax Syntax = new()
    {
        Options = new HashSet<string> { "networks", "namespace", "config", "global-namespaces", "output" },
        Flags = new HashSet<string> { "namespace-isolation", "strict", "recursive" },
        Short = new Dictionary<string, string> { ["o"] = "output", ["n"] = "namespace", ["R"] = "recursive" },
        TakesPositionals = true,
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var line = new CommandLine(args, Syntax);
        var output = line.Choice("output", "text", "json");
        if (line.Positionals.Count == 0)
        {
            throw new UsageException("give the manifest files or directories to check");
        }

        var options = RuleOptions(line);
        var recursive = line.Has("recursive");
        var scan = ManifestInput.Scan(line.Positionals, line.Get("namespace"), recursive);
        if (scan.Files.Count == 0)
        {
            throw new InputException($"no *.yaml, *.yml or *.json files in {string.Join(", ", line.Positionals)}");
        }

        var context = line.All("networks").Count == 0 ? null : ManifestInput.Scan(line.All("networks"), line.Get("namespace"), recursive);
        var report = new ValidationReport(new ManifestValidator(scan, context, options).Validate(), scan.Files.Count, scan.Objects.Count);
        var passed = report.Errors == 0 && (!line.Has("strict") || report.Warnings == 0);
        if (output == "json")
        {
            report.WriteJson(stdout, passed);
        }
        else
        {
            report.WriteText(stdout);
            await stderr.WriteLineAsync($"multinetctl validate: {report.Summary}{(passed ? "" : " -- failed")}").ConfigureAwait(false);
        }

        return passed ? ExitCodes.Success : ExitCodes.Problems;
    }

    private static PodRuleOptions RuleOptions(CommandLine line)
    {
        var options = new PodRuleOptions();
        if (line.Get("config") is { } path)
        {
            var config = ConfigFile.Load(path);
            options = options with
            {
                NamespaceIsolation = config.NamespaceIsolation,
                GlobalNamespaces = config.GlobalNamespaces,
                DefaultNetworkNamespace = config.MultusNamespace,
            };
        }

        if (line.Has("namespace-isolation"))
        {
            options = options with { NamespaceIsolation = true };
        }

        if (line.All("global-namespaces").Count > 0)
        {
            options = options with
            {
                GlobalNamespaces = [.. line.All("global-namespaces")
                    .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            };
        }

        return options;
    }
}
