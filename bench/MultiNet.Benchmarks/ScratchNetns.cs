using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>A fresh network namespace for one iteration, made before and removed after the timed calls.</summary>
internal sealed class ScratchNetns : IDisposable
{
    public const string Prefix = "mnb-";

    public ScratchNetns(string runId, string tag)
    {
        Name = $"{Prefix}{runId}-{tag}";
        Shell.Check("ip", "netns", "add", Name);
    }

    public string Name { get; }

    public string Path => $"/var/run/netns/{Name}";

    /// <summary>Links in the namespace other than lo, sorted.</summary>
    public IReadOnlyList<string> Links() =>
        [.. Shell.Check("ip", "-n", Name, "-o", "link", "show")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])
            .Where(n => n != "lo")
            .Order(StringComparer.Ordinal)];

    /// <summary>Namespaces of the run <paramref name="runId"/> still present (a leak once the run is over).</summary>
    public static IReadOnlyList<string> Remaining(string runId) =>
        [.. Shell.Run("ip", "netns", "list").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0])
            .Where(n => n.StartsWith($"{Prefix}{runId}-", StringComparison.Ordinal))];

    public void Dispose() => Shell.Run("ip", "netns", "del", Name);
}
