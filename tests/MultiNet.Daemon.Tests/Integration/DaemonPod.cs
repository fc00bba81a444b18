using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>One pod of a daemon test: its own network namespace (<c>mnd-...</c>) and container id.</summary>
internal sealed class DaemonPod : IDisposable
{
    public DaemonPod(string runId, int index, string ns = "team-a")
    {
        Namespace = ns;
        Name = $"pod-{index}";
        ContainerId = $"ctr-{runId}-{index}";
        NetnsName = $"mnd-{runId}-{index}";
        Shell.Check("ip", "netns", "add", NetnsName);
    }

    public string Namespace { get; }
    public string Name { get; }
    public string ContainerId { get; }
    public string NetnsName { get; }
    public string NetnsPath => $"/var/run/netns/{NetnsName}";
    public string? Uid { get; set; }

    /// <summary>Links inside the pod's namespace other than lo.</summary>
    public IReadOnlyList<string> Links() =>
        [.. Shell.Check("ip", "-n", NetnsName, "-o", "link", "show")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])
            .Where(n => n != "lo")];

    public void Dispose() => Shell.Run("ip", "netns", "del", NetnsName);
}
