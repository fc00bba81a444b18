using MultiNet.Benchmarks;

// ./bench.sh: ADD and DEL through multinet against the same delegates called directly, API requests per ADD,
// VERSION start-up. Prints a Markdown report. Exit 0 whether or not targets are met (it is a report); 1 when the
// benchmark itself failed (a call failed, something leaked); 64 on a bad command line.
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.Write(BenchmarkOptions.Usage);
    return 64;
}

if (options.ShowUsage)
{
    Console.Out.Write(BenchmarkOptions.Usage);
    return 0;
}

if (!File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:\t0\t", StringComparison.Ordinal)))
{
    Console.Error.WriteLine("bench: needs root (it creates network namespaces and bridges)");
    return 1;
}

try
{
    var results = await new BenchmarkRun(options, Console.Error).RunAsync();
    var report = ReportWriter.Write(results);
    Console.Out.Write(report);
    Console.Error.WriteLine(ReportWriter.AllTargetsMet(results) ? "bench: every target met" : "bench: some targets NOT met (see the report)");
    if (options.ReadmePath is { } readme)
    {
        ReadmeSection.Replace(readme, "Measured by `./bench.sh` (as root; `./bench.sh --readme README.md` rewrites this section): ADD and DEL "
            + "through multinet against the same delegates called directly, the API requests of each ADD, and start-up.\n\n" + report);
        Console.Error.WriteLine($"bench: wrote the report into {readme}");
    }

    return 0;
}
catch (BenchmarkFailedException e)
{
    Console.Error.WriteLine($"bench: FAILED: {e.Message}");
    return 1;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Setup failed (the binary is not built, `ip` refused, the stand-in did not start) or a bug here: no figures.
    Console.Error.WriteLine($"bench: FAILED: {e}");
    return 1;
}
