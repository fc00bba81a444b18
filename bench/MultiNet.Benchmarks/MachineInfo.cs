using System.Globalization;
using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>What the figures were measured on: date, <c>nproc</c>, CPU model, kernel, commit, and the load around the run.</summary>
internal sealed record MachineInfo(DateTimeOffset Date, string Nproc, string CpuModel, string Kernel, string Commit, string LoadAverage)
{
    public static MachineInfo Read() => new(
        DateTimeOffset.UtcNow,
        Shell.Run("nproc").Stdout.Trim(),
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown",
        File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
        CommitOf(RepoLayout.Root),
        LoadNow());

    /// <summary>The 1-minute load average now (other work on the machine inflates every figure).</summary>
    public static string LoadNow() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The date as the report prints it.</summary>
    public string DateText => Date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string CommitOf(string root)
    {
        var (code, head, _) = Shell.Run("git", "-C", root, "rev-parse", "--short", "HEAD");
        if (code != 0)
        {
            return "unknown";
        }

        var dirty = Shell.Run("git", "-C", root, "status", "--porcelain", "--untracked-files=no", "--", "src").Stdout.Trim().Length > 0;
        return head.Trim() + (dirty ? " (src modified)" : "");
    }
}
