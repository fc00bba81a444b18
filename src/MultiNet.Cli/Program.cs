using MultiNet.Cli.Commands;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli;

/// <summary><c>multinetctl</c>: the operator's tool.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage:");
            Console.WriteLine(AttachCommand.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var rest = args[1..];
            return args[0] switch
            {
                "attach" => await AttachCommand.RunAsync(CniCommand.Add, rest, Console.Out, CancellationToken.None).ConfigureAwait(false),
                "detach" => await AttachCommand.RunAsync(CniCommand.Del, rest, Console.Out, CancellationToken.None).ConfigureAwait(false),
                "check" => await AttachCommand.RunAsync(CniCommand.Check, rest, Console.Out, CancellationToken.None).ConfigureAwait(false),
                _ => throw new UsageException($"unknown command \"{args[0]}\""),
            };
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync($"multinetctl: {e.Message}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync("usage:" + Environment.NewLine + AttachCommand.Usage).ConfigureAwait(false);
            return 2;
        }
        catch (CniException e)
        {
            await Console.Error.WriteLineAsync($"multinetctl: error {(int)e.Code}: {e.Message}").ConfigureAwait(false);
            if (e.Details is not null)
            {
                await Console.Error.WriteLineAsync($"  {e.Details}").ConfigureAwait(false);
            }

            return 1;
        }
    }
}
