using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using MultiNet.Cni.Invocation;

namespace MultiNet.Daemon.Install;

/// <summary>
/// Runs a freshly copied <c>multinet</c> the way the container runtime will, before it becomes the node's plugin:
/// <c>CNI_COMMAND=VERSION</c> with a version request on stdin, chrooted into the host's root when one is mounted
/// (<c>--host-root</c>; the host's loader and glibc then decide, as they will for every ADD), directly otherwise. A
/// binary that does not answer with a CNI version result is refused with the reason: the loader's message (e.g.
/// "version `GLIBC_2.34' not found"), a missing ELF interpreter, the exit code.
/// </summary>
/// <param name="hostRoot">The host's <c>/</c> as mounted here, or null to run the binary directly.</param>
/// <param name="launcher">The executable with the <see cref="ChrootLauncher.Verb"/> mode (this multinetd).</param>
internal sealed class HostBinaryCheck(string? hostRoot, string launcher)
{
    private static readonly byte[] VersionRequest = """{"cniVersion":"1.1.0"}"""u8.ToArray();

    /// <summary>How long the binary may take to answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How the check runs, for messages: "chrooted into /hostroot" or "directly".</summary>
    public string How => hostRoot is null ? "run directly" : $"run chrooted into \"{hostRoot}\"";

    /// <summary>Null when <paramref name="binary"/> (a path on the host, the same in this container) answers VERSION; else why not.</summary>
    public string? Problem(string binary)
    {
        if (hostRoot is not null && !File.Exists(Path.Join(hostRoot, binary)))
        {
            return $"\"{Path.Join(hostRoot, binary)}\" does not exist: --host-root must be the host's / and --cni-bin-dir the host's CNI bin folder, mounted at the same path";
        }

        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["CNI_COMMAND"] = "VERSION";
        return Judge(Execute(hostRoot is null ? start : new ChrootLauncher(hostRoot, launcher).Wrap(start)));
    }

    private (int ExitCode, string Stdout, string Stderr) Execute(ProcessStartInfo start)
    {
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            return (-1, "", $"cannot start \"{start.FileName}\": {e.Message}");
        }

        using var _ = process;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.BaseStream.Write(VersionRequest);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading stdin; its exit code and stderr say why.
        }

        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, "", $"no answer within {Timeout.TotalSeconds:0} s (killed)");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Judge((int ExitCode, string Stdout, string Stderr) run)
    {
        var output = Summary(run.Stderr, run.Stdout);
        if (run.ExitCode == -1)
        {
            return output;
        }

        if (run.ExitCode != 0)
        {
            return $"exit code {run.ExitCode}{(output.Length == 0 ? "" : $": {output}")}";
        }

        try
        {
            using var json = JsonDocument.Parse(run.Stdout);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("supportedVersions", out var versions) && versions.ValueKind == JsonValueKind.Array)
            {
                return null;
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported below.
        }

        return $"it exited 0 but did not print a CNI version result{(output.Length == 0 ? " (no output)" : $": {output}")}";
    }

    // stderr first (the loader's message), then stdout; one line, bounded.
    private static string Summary(string stderr, string stdout)
    {
        var text = string.Join(" | ", new[] { stderr, stdout }
            .Select(s => string.Join(' ', s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(s => s.Length > 0));
        return text.Length > 600 ? text[..600] + "…" : text;
    }
}
