using System.Globalization;

namespace MultiNet.Controller.Benchmarks;

/// <summary>Command-line settings of the controller benchmark.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/MultiNet.Controller.Benchmarks -- [options]
          --requests N      admission reviews timed per phase (default 5000)
          --warmup N        reviews sent first and not timed, for 5 s at least (default 2000)
          --nads N          NADs cached for the memory phase (default 10000)
          --concurrency N   clients of the throughput run (default 8)
          --in-process      run the controller inside this process instead of artifacts/bin/multinet-controller
        """;

    public int Requests { get; init; } = 5000;

    public int Warmup { get; init; } = 2000;

    public int Nads { get; init; } = 10000;

    public int Concurrency { get; init; } = 8;

    public bool InProcess { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (int i = 0; i < args.Length; i++)
        {
            o = args[i] switch
            {
                "--requests" => o with { Requests = Number(args, ++i) },
                "--warmup" => o with { Warmup = Number(args, ++i) },
                "--nads" => o with { Nads = Number(args, ++i) },
                "--concurrency" => o with { Concurrency = Number(args, ++i) },
                "--in-process" => o with { InProcess = true },
                _ => throw new ArgumentException($"unknown option \"{args[i]}\"\n{Usage}"),
            };
        }

        return o;
    }

    private static int Number(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"option \"{args[i - 1]}\" needs a positive number");
}
