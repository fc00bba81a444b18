using MultiNet.Cli.Migrate;

namespace MultiNet.Cli.Commands;

/// <summary><c>migrate</c>: a Multus config turned into its MultiNet equivalent, with a line for every key that does not carry over as it is.</summary>
internal static class MigrateCommand
{
    public const string Usage = """
        multinetctl migrate MULTUS-CONFIG [--host-prefix PATH]... [-o text|json]

          Reads a Multus config and prints the MultiNet equivalent on stdout:
            thin 00-multus.conf or 00-multus.conflist ("type": "multus")  ->  the multinet plugin config or conflist
            thick Multus's daemon-config.json (no "type")                  ->  multinetd's daemon.json, with its cniConfig block
          Every Multus key that does not carry over as it is gets one line on stderr:
            FILE: KEY: changed|not needed|not carried over: WHY AND WHAT TO DO
          The converted plugin config is checked with multinet's own parser before it is printed.
          "-" reads standard input.

          --host-prefix  thick: the folder under which Multus's container saw the host's folders; paths under it are
                         written as host paths (MultiNet mounts host folders at their host paths). Repeatable; default
                         /hostroot and /host, as in Multus's DaemonSet
          -o, --output   text (default): the config on stdout, findings on stderr; json: one document with
                         kind, carriedOver, config and findings (key, kind, message)

          exit status: 0 converted (read the "changed" lines), 1 converted but some keys could not be carried over,
          2 usage error, or a file that cannot be read or is not a Multus config (the message names the field)
        """;

    private static readonly CommandSyntax Syntax = new()
    {
        Options = new HashSet<string> { "host-prefix", "output" },
        Short = new Dictionary<string, string> { ["o"] = "output" },
        TakesPositionals = true,
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var line = new CommandLine(args, Syntax);
        var output = line.Choice("output", "text", "json");
        var source = line.Positionals switch
        {
            [var one] => one,
            [] => throw new UsageException("give the Multus config file (00-multus.conf, 00-multus.conflist or daemon-config.json)"),
            _ => throw new UsageException("give one Multus config file"),
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

        await stdout.FlushAsync(ct).ConfigureAwait(false);
        return result.CarriedOver ? ExitCodes.Success : ExitCodes.Problems;
    }
}
