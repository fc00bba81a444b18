using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace MultiNet.Benchmarks;

/// <summary>
/// Runs a plugin binary the way a runtime does (CNI env, config on stdin, no shell; started like a Go runtime starts it,
/// see <see cref="PosixSpawn"/>) and times it from spawn to exit. stdin, stdout and stderr are files in a scratch
/// directory, written before and read after the timed span.
/// </summary>
internal static class TimedProcess
{
    private static readonly string Scratch = Directory.CreateTempSubdirectory("multinet-bench-io-").FullName;
    private static int _calls;

    public static async Task<ProcessOutcome> RunAsync(string binary, IReadOnlyDictionary<string, string> env, string stdin, bool samplePeakRss = false)
    {
        var n = Interlocked.Increment(ref _calls);
        var (input, output, errors) = (Path.Combine(Scratch, $"{n}.in"), Path.Combine(Scratch, $"{n}.out"), Path.Combine(Scratch, $"{n}.err"));
        await File.WriteAllTextAsync(input, stdin);
        try
        {
            var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
                .Select(e => (Key: (string)e.Key, Value: (string?)e.Value ?? ""))
                .Where(e => !e.Key.StartsWith("CNI_", StringComparison.Ordinal))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            foreach (var (k, v) in env)
            {
                environment[k] = v;
            }

            var (exitCode, elapsed, peak) = await Task.Run(() =>
            {
                var start = Stopwatch.GetTimestamp();
                var pid = PosixSpawn.Start(binary, environment, input, output, errors);
                using var exited = new ManualResetEventSlim();
                var sampler = samplePeakRss ? Task.Run(() => SamplePeakRss(pid, exited)) : Task.FromResult<long?>(null);
                var code = PosixSpawn.Wait(pid);
                var time = Stopwatch.GetElapsedTime(start);
                exited.Set();
                return (code, time, sampler.GetAwaiter().GetResult());
            });
            return new ProcessOutcome(exitCode, await File.ReadAllTextAsync(output), await File.ReadAllTextAsync(errors), elapsed, peak);
        }
        finally
        {
            foreach (var file in new[] { input, output, errors })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Removes the scratch directory (at the end of the run).</summary>
    public static void CleanUp() => Directory.Delete(Scratch, recursive: true);

    /// <summary>Whether the scratch directory is still there (a leak once the run is over).</summary>
    public static bool ScratchExists => Directory.Exists(Scratch);

    // VmHWM is the process's own high-water mark; the last value read before it exits is a (close) lower bound
    // of its peak. A poll every millisecond steals little from a process that runs tens of milliseconds.
    private static long? SamplePeakRss(int pid, ManualResetEventSlim exited)
    {
        long? peak = null;
        var status = $"/proc/{pid}/status";
        do
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
                // Not there any more.
            }
        }
        while (!exited.Wait(1));

        return peak;
    }
}
