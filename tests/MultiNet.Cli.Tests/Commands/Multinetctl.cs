using System.Diagnostics;
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

    /// <summary>Runs with <paramref name="input"/> on stdin, as in <c>kustomize build | multinetctl validate -</c>.</summary>
    public static CtlOutcome RunWithInput(string input, params string[] args)
    {
        var psi = new ProcessStartInfo(RepoLayout.Cli)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return new CtlOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
