using MultiNet.Cli.Commands;
using MultiNet.Cni.Build;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli;

/// <summary><c>multinetctl</c>: the operator's tool.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            var topic = args.Length > 1 ? CommandTable.Find(args[1]) : null;
            await (args.Length == 0 ? stderr : stdout).WriteLineAsync(topic?.Usage ?? CommandTable.Overview).ConfigureAwait(false);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        if (args is ["--version" or "version"])
        {
            await stdout.WriteLineAsync(BuildInfo.VersionLine("multinetctl")).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var command = CommandTable.Find(args[0]);
        try
        {
            if (command is null)
            {
                throw new UsageException($"unknown command \"{args[0]}\"");
            }

            var rest = args[1..];
            if (rest.Any(a => a is "-h" or "--help"))
            {
                await stdout.WriteLineAsync(command.Usage).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            return await command.RunAsync(rest, stdout, stderr, ct).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"multinetctl: {e.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync(command is null
                ? CommandTable.Overview
                : $"usage:{Environment.NewLine}{command.Usage}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (InputException e)
        {
            await stderr.WriteLineAsync($"multinetctl: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (CniException e)
        {
            await stderr.WriteLineAsync($"multinetctl: error {(int)e.Code}: {e.Message}").ConfigureAwait(false);
            if (e.Details is not null)
            {
                await stderr.WriteLineAsync($"  {e.Details}").ConfigureAwait(false);
            }

            return ExitCodes.Problems;
        }
    }
}
