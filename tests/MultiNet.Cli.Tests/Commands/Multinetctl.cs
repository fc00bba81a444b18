using MultiNet.Testing.Node;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>Runs the published <c>artifacts/bin/multinetctl</c> as a person would, with arguments and nothing on stdin.</summary>
internal static class Multinetctl
{
    public static CtlOutcome Run(params string[] args)
    {
        var (exitCode, stdout, stderr) = Shell.Run(RepoLayout.Cli, args);
        return new CtlOutcome(exitCode, stdout, stderr);
    }
}
