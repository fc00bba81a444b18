using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;
using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>
/// The baseline: what a runtime without multinet would do for the same pod — run each network's conflist itself
/// (every plugin in order, prevResult chained; DEL in reverse with the ADD's result), one interface each.
/// </summary>
internal sealed class DirectDelegates(BenchNode node)
{
    private readonly ConflistRunner _runner = new(new PluginProcessRunner(TextWriter.Null));
    private readonly IReadOnlyList<(Cni.Config.NetworkConfigList List, string IfName)> _attachments = node.Networks.Attachments();

    /// <summary>ADD the three networks in order; returns each one's result for the DEL.</summary>
    public async Task<IReadOnlyList<CniResult>> AddAsync(string containerId, string netnsPath)
    {
        var results = new List<CniResult>(_attachments.Count);
        foreach (var (list, ifName) in _attachments)
        {
            results.Add(await _runner.AddAsync(list, Invocation(containerId, netnsPath, ifName), null, CancellationToken.None));
        }

        return results;
    }

    /// <summary>DEL the three networks in reverse, each with its ADD result.</summary>
    public async Task DelAsync(string containerId, string netnsPath, IReadOnlyList<CniResult> results)
    {
        for (var i = _attachments.Count - 1; i >= 0; i--)
        {
            var (list, ifName) = _attachments[i];
            await _runner.DelAsync(list, Invocation(containerId, netnsPath, ifName), null, results[i], CancellationToken.None);
        }
    }

    /// <summary>After a failure: DEL every network without a prevResult, ignoring errors, so nothing stays behind.</summary>
    public async Task CleanUpAsync(string containerId, string netnsPath)
    {
        for (var i = _attachments.Count - 1; i >= 0; i--)
        {
            var (list, ifName) = _attachments[i];
            try
            {
                await _runner.DelAsync(list, Invocation(containerId, netnsPath, ifName), null, null, CancellationToken.None);
            }
            catch (CniException)
            {
                // Best effort: the leak check at the end reports what could not be removed.
            }
        }
    }

    private DelegateInvocation Invocation(string containerId, string netnsPath, string ifName) => new()
    {
        ContainerId = containerId,
        NetNs = netnsPath,
        IfName = ifName,
        Args = node.CniArgs(containerId),
        PluginDirs = [RepoLayout.ReferencePlugins],
    };
}
