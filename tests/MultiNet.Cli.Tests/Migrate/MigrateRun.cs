using MultiNet.Cli.Tests.Commands;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>Runs <c>multinetctl migrate</c> in-process on a config written to a scratch folder, as a person runs it on a node.</summary>
internal static class MigrateRun
{
    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> and runs <c>migrate FILE args...</c>.</summary>
    public static MigrateOutcome Run(ScratchDirectory dir, string fileName, string content, params string[] args) =>
        RunArgs(["migrate", dir.Write(fileName, content), .. args]);

    /// <summary>Runs <c>multinetctl</c> with exactly <paramref name="args"/>.</summary>
    public static MigrateOutcome RunArgs(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = MultiNet.Cli.Program.RunAsync(args, stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();
        return new MigrateOutcome(new CtlOutcome(exit, stdout.ToString(), stderr.ToString()));
    }
}
