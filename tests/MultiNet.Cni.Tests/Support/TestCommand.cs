using System.Diagnostics;

namespace MultiNet.Cni.Tests.Support;

/// <summary>Runs a host command (ip, …) for test setup and leak checks.</summary>
public static class TestCommand
{
    public static string Run(string file, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(file, args);
        return code == 0
            ? stdout
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {stderr}");
    }

    public static (int Code, string Stdout, string Stderr) TryRun(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
