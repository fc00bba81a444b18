using System.Diagnostics;
using System.Globalization;

namespace MultiNet.Benchmarks;

/// <summary>
/// Runs a plugin binary the way a runtime does (CNI env, config on stdin, no shell) and times it from
/// <see cref="Process.Start()"/> to exit with its output read — the same span <c>PluginProcessRunner</c> covers for a delegate.
/// </summary>
internal static class TimedProcess
{
    public static async Task<ProcessOutcome> RunAsync(string binary, IReadOnlyDictionary<string, string> env, string stdin, bool samplePeakRss = false)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        var start = Stopwatch.GetTimestamp();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{binary} did not start");
        var peak = samplePeakRss ? Task.Run(() => SamplePeakRss(p)) : Task.FromResult<long?>(null);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        try
        {
            await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited without reading its stdin (VERSION needs none); its exit code tells the rest.
        }

        await p.WaitForExitAsync();
        var output = await stdout;
        var errors = await stderr;
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new ProcessOutcome(p.ExitCode, output, errors, elapsed, await peak);
    }

    // VmHWM is the process's own high-water mark; the last value read before it exits is a (close) lower bound
    // of its peak. A poll every millisecond steals little from a process that runs tens of milliseconds.
    private static long? SamplePeakRss(Process p)
    {
        long? peak = null;
        var status = $"/proc/{p.Id}/status";
        while (!p.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                        && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                    {
                        peak = Math.Max(peak ?? 0, kib);
                    }
                }
            }
            catch (IOException)
            {
                // Exited (or became a zombie) between the check and the read.
            }

            Thread.Sleep(1);
        }

        return peak;
    }
}
