using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// One more pod on a <see cref="ThinModeHarness"/>'s node, for tests that run many at once: its own netns and
/// container id, created in the API (team-a, node-1) with the given networks; it shares the harness's cniDir and leases.
/// </summary>
internal sealed class ChurnPod : IDisposable
{
    private readonly ThinModeHarness _h;
    private readonly TestNetwork _netns = new();
    private readonly string _uid;

    public ChurnPod(ThinModeHarness h, int index, string networks)
    {
        _h = h;
        Name = $"churn-{index}";
        ContainerId = $"ctr-{h.Node.Id}-{index}";
        var annotations = new Dictionary<string, string> { ["k8s.v1.cni.cncf.io/networks"] = networks };
        _uid = (string)h.Api.AddPod(h.PodNamespace, Name, annotations, "node-1")["metadata"]!["uid"]!;
    }

    public string Name { get; }

    public string ContainerId { get; }

    /// <summary>Interfaces left in the pod's netns (lo aside).</summary>
    public IReadOnlyList<string> Links() => _netns.LinksInNetns();

    /// <summary>Runs the published multinet for this pod with the harness's config, as the runtime would.</summary>
    public Task<PluginProcess.Outcome> RunAsync(string command) =>
        PluginProcess.RunAsync(PluginProcess.Env(command, ContainerId, _netns.NetnsPath, "eth0", _h.PodNamespace, Name, _uid), _h.Config());

    public void Dispose() => _netns.Dispose();
}
