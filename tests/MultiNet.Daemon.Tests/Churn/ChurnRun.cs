using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MultiNet.Daemon.Tests.Integration;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Churn;

/// <summary>
/// One churn: <see cref="PodCount"/> pods (cluster network + NAD <see cref="NadName"/>, both through logged wrappers),
/// each running <see cref="Cycles"/> ADD/DEL cycles (<see cref="PodCycles"/>), all pods at once, in thin mode (the
/// multinet binary alone) or thick mode (the multinet shim forwarding to multinetd); <see cref="StaleGc"/> runs GC
/// alongside. Every failed operation and every broken expectation is collected, not thrown, so one run reports all.
/// </summary>
internal sealed class ChurnRun : IAsyncDisposable
{
    public const int PodCount = 64;
    public const int Cycles = 3;
    public const string NadName = "churn-net";
    private readonly ConcurrentQueue<string> _problems = new();
    private int _operations;

    private ChurnRun(DaemonHarness harness, OperationLog log, string clusterBridge, IReadOnlyList<ChurnPod> pods)
    {
        Harness = harness;
        Log = log;
        ClusterBridge = clusterBridge;
        Pods = pods;
    }

    public DaemonHarness Harness { get; }
    public OperationLog Log { get; }
    public string ClusterBridge { get; }
    public IReadOnlyList<ChurnPod> Pods { get; }
    public LiveAddresses Addresses { get; } = new();
    public IReadOnlyCollection<string> Problems => _problems;
    public int Operations => _operations;

    /// <summary>
    /// Sets up a churn on subnets 198.19.<paramref name="subnet"/>.0/24 (cluster) and the next one (NAD); every
    /// eighth pod is <see cref="ChurnPod.Interrupted"/>.
    /// </summary>
    public static async Task<ChurnRun> StartAsync(bool thick, int subnet)
    {
        var h = await DaemonHarness.StartAsync(startDaemon: false);
        try
        {
            // The wrappers are written before any process of this test can fork (see ChurnCollection).
            var log = new OperationLog(h.Node.Root);
            var bridge = h.Node.BridgeName("cbr");
            h.ShimOverrides["binDir"] = log.BinDir;
            h.ShimOverrides["resultMode"] = "merged";
            h.ShimOverrides["delegates"] = new JsonArray(new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["name"] = "cluster",
                ["plugins"] = new JsonArray(new JsonObject
                {
                    ["type"] = log.Wrap("bridge"),
                    ["bridge"] = bridge,
                    ["isGateway"] = true,
                    ["ipam"] = h.Node.HostLocal($"198.19.{subnet}.0/24", $"198.19.{subnet}.1", defaultRoute: true),
                }),
            });
            h.Api.AddNad("team-a", NadName, new JsonObject
            {
                ["cniVersion"] = "1.0.0",
                ["type"] = log.Wrap("macvlan"),
                ["master"] = h.MacvlanMaster,
                ["mode"] = "bridge",
                ["ipam"] = h.Node.HostLocal($"198.19.{subnet + 1}.0/24"),
            }.ToJsonString());
            if (thick)
            {
                await h.StartDaemonAsync();
            }
            else
            {
                h.ShimOverrides["daemonSocketDir"] = null;
                h.ShimOverrides["kubeconfig"] = h.DaemonConfig["kubeconfig"]!.DeepClone();
            }

            var pods = Enumerable.Range(0, PodCount).Select(i => new ChurnPod(h.NewPod(NadName), interrupted: i % 8 == 3)).ToList();
            if (thick)
            {
                await ThickModeAddDelTests.WaitUntilCachedAsync(h, PodCount);
            }

            return new ChurnRun(h, log, bridge, pods);
        }
        catch
        {
            await h.DisposeAsync();
            throw;
        }
    }

    /// <summary>All pods' cycles at once, GC alongside; returns how many GC rounds ran.</summary>
    public async Task<int> RunAsync()
    {
        // Starting a process and `ip` block a pool thread: with 64 pods the pool must not grow slowly, or the test's
        // reactions (DEL while an ADD runs) come hundreds of ms late.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, PodCount * 3), io);
        var gc = new StaleGc(this);
        var churn = Task.WhenAll(Pods.Select(new PodCycles(this).RunAsync));
        await Task.WhenAll(churn, gc.RunAsync(churn));
        return gc.Rounds;
    }

    /// <summary>Runs one CNI command on a pod through the shim; a failure is recorded.</summary>
    public async Task<PluginProcess.Outcome> RunAsync(string command, DaemonPod pod)
    {
        var outcome = await Harness.RunAsync(command, pod);
        Record(outcome, $"{command} {pod.ContainerId}");
        return outcome;
    }

    /// <summary>GC as a CNI 1.1 runtime sends it: every pod of the churn is valid, nothing else.</summary>
    public async Task<PluginProcess.Outcome> GcAsync()
    {
        var config = JsonNode.Parse(Harness.ShimConfig())!.AsObject();
        config["cniVersion"] = "1.1.0";
        config["cni.dev/valid-attachments"] = new JsonArray(
            [.. Pods.Select(p => new JsonObject { ["containerID"] = p.Pod.ContainerId, ["ifname"] = "eth0" })]);
        var env = new Dictionary<string, string> { ["CNI_COMMAND"] = "GC", ["CNI_PATH"] = RepoLayout.ReferencePlugins };
        var outcome = await PluginProcess.RunAsync(env, config.ToJsonString());
        Record(outcome, "GC");
        return outcome;
    }

    public void Problem(string what) => _problems.Enqueue(what);

    public string CheckpointPath(DaemonPod pod) => Path.Combine(Harness.Node.CniDir, pod.ContainerId + ".json");

    /// <summary>
    /// host-local leases held by <paramref name="containerId"/>: files named by an IP whose first line is the owner
    /// (host-local's own lock file is not read: .NET's shared lock on it would fail while a delegate holds it).
    /// </summary>
    public IReadOnlyList<string> LeasesOf(string containerId) =>
        [.. Directory.EnumerateFiles(Harness.Node.IpamDir, "*", SearchOption.AllDirectories).Where(f =>
        {
            if (!System.Net.IPAddress.TryParse(Path.GetFileName(f), out _))
            {
                return false;
            }

            try
            {
                return File.ReadAllText(f).Split('\n')[0].Trim() == containerId;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
        })];

    /// <summary>The addresses of an ADD's (merged) result; a result without both networks' IPs is a problem.</summary>
    public IReadOnlyList<string> AddressesOf(PluginProcess.Outcome add, DaemonPod pod)
    {
        if (add.ExitCode != 0)
        {
            return [];
        }

        var ips = add.Json["ips"]!.AsArray().Select(ip => ((string)ip!["address"]!).Split('/')[0]).ToList();
        if (ips.Count != 2)
        {
            Problem($"ADD {pod.ContainerId}: {ips.Count} IPs in the result, expected 2: {add.Stdout}");
        }

        return ips;
    }

    /// <summary>Host ends of veths still on the cluster bridge.</summary>
    public IReadOnlyList<string> BridgePorts() =>
        [.. Shell.Run("ip", "-o", "link", "show", "master", ClusterBridge).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public ValueTask DisposeAsync() => Harness.DisposeAsync();

    private void Record(PluginProcess.Outcome outcome, string what)
    {
        Interlocked.Increment(ref _operations);
        if (outcome.ExitCode != 0)
        {
            Problem($"{what} failed ({outcome.ExitCode}): {outcome.Stdout}");
        }
    }
}
