using System.Globalization;

namespace MultiNet.Benchmarks;

/// <summary>What one benchmark run does: how many iterations, warm-ups and process starts, and where the report goes.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        usage: bench.sh [--iterations N] [--warmups N] [--version-runs N] [--rss-runs N] [--readme PATH]
          --iterations N     measured ADD+DEL rounds per mode, interleaved direct/multinet (default 30)
          --warmups N        unmeasured rounds first (default 3)
          --version-runs N   process starts measured for VERSION (default 50)
          --rss-runs N       extra multinet ADDs whose peak RSS is sampled, not timed (default 5; 0 skips)
          --readme PATH      also replace the body of the "## Performance" section of PATH with the report
        """;

    public int Iterations { get; init; } = 30;
    public int Warmups { get; init; } = 3;
    public int VersionRuns { get; init; } = 50;
    public int RssRuns { get; init; } = 5;
    public string? ReadmePath { get; init; }
    public bool ShowUsage { get; init; }

    /// <summary>Reads the command line; an unknown option or a bad number is an <see cref="ArgumentException"/>.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            options = name switch
            {
                "-h" or "--help" => options with { ShowUsage = true },
                "--iterations" => options with { Iterations = Count(args, ++i, name, min: 1) },
                "--warmups" => options with { Warmups = Count(args, ++i, name, min: 0) },
                "--version-runs" => options with { VersionRuns = Count(args, ++i, name, min: 1) },
                "--rss-runs" => options with { RssRuns = Count(args, ++i, name, min: 0) },
                "--readme" => options with { ReadmePath = Value(args, i + 1, name) },
                _ => throw new ArgumentException($"unknown option \"{name}\""),
            };
            if (name == "--readme")
            {
                i++;
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new ArgumentException($"option \"{name}\" needs a value");

    private static int Count(IReadOnlyList<string> args, int index, string name, int min)
    {
        var text = Value(args, index, name);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ArgumentException($"option \"{name}\": \"{text}\" is not a whole number >= {min}");
    }
}
