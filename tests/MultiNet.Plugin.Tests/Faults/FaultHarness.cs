using System.Text.Json.Nodes;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Sets up fault cells: a harness for a <see cref="PluginMode"/> on the suite's subnets (198.18.128.0/18) and names
/// (host links "mnf…"), pods with n bridge networks, and the faulty plugins. Every cell runs in both modes; in thick
/// mode the harness also runs multinetd and the published multinet is its shim. Where thick mode differs by design, a
/// cell branches on the mode and says why.
/// </summary>
internal static class FaultHarness
{
    /// <summary>The modes every cell runs in.</summary>
    public static IReadOnlyList<PluginMode> Modes { get; } = [PluginMode.Thin, PluginMode.Thick];

    /// <summary><see cref="Modes"/> as theory data.</summary>
    public static TheoryData<PluginMode> ModeData => [.. Modes];

    /// <summary>Every mode with every value.</summary>
    public static TheoryData<PluginMode, string> Cells(params string[] values)
    {
        var data = new TheoryData<PluginMode, string>();
        foreach (var mode in Modes)
        {
            foreach (var value in values)
            {
                data.Add(mode, value);
            }
        }

        return data;
    }

    /// <summary>The name of the faulty script plugin placed in the harness's binDir.</summary>
    public const string FaultyType = "mnf-faulty";

    public static Task<ThinModeHarness> StartAsync(PluginMode mode) => ThinModeHarness.StartAsync(Subnet(0), "f", mode);

    /// <summary>
    /// The API requests the engine made: in thick mode without the daemon's own LIST and WATCH requests of its
    /// caches, which serve no particular CNI call.
    /// </summary>
    public static IReadOnlyList<RecordedRequest> EngineRequests(ThinModeHarness h) =>
        [.. h.Api.Requests.Where(r => h.Mode == PluginMode.Thin || r.Verb is not ("watch" or "list"))];

    /// <summary>The subnet of the network at <paramref name="position"/> (0 is the cluster network).</summary>
    public static string Subnet(int position) => $"198.18.{128 + position}.0/24";

    /// <summary>The host bridge of the network at <paramref name="position"/>: the bridge plugin leaves it, so it shows the network ran.</summary>
    public static string Bridge(ThinModeHarness h, int position) => position == 0 ? h.ClusterBridge : $"mnfn{position}{h.Node.Id[..6]}";

    /// <summary>The network-status / error name of the network at <paramref name="position"/>.</summary>
    public static string NetworkName(ThinModeHarness h, int position) => position == 0 ? "cluster" : $"{h.PodNamespace}/mnf-net{position}";

    /// <summary>
    /// A pod with <paramref name="count"/> networks (the cluster network and count-1 NADs, each bridge + host-local);
    /// the network at <paramref name="faultyAt"/> ends with <paramref name="faulty"/> after its bridge.
    /// </summary>
    public static void ArrangePod(ThinModeHarness h, int count, int faultyAt = -1, JsonObject? faulty = null)
    {
        JsonObject[] Extra(int position) => position == faultyAt && faulty is not null ? [(JsonObject)faulty.DeepClone()] : [];
        h.ClusterDelegate = h.BridgeConflist("cluster", h.ClusterBridge, Subnet(0), defaultRoute: true, extraPlugins: Extra(0));
        var selections = new List<string>();
        for (var position = 1; position < count; position++)
        {
            var name = $"mnf-net{position}";
            var bridge = h.Node.BridgeName($"fn{position}"); // the bridge plugin creates it; the node removes it
            h.AddNad(name, h.BridgeConflist(name, bridge, Subnet(position), extraPlugins: Extra(position)));
            selections.Add(name);
        }

        h.AddPod(selections.Count == 0 ? null : string.Join(", ", selections));
    }

    /// <summary>Writes the plugin for <paramref name="kind"/> (when it is a script) and returns its list entry.</summary>
    public static JsonObject Faulty(ThinModeHarness h, FaultyPlugin kind)
    {
        var pids = PidFile(h);
        switch (kind)
        {
            case FaultyPlugin.Fails:
                return ThinModeHarness.FailingTuning();
            case FaultyPlugin.PrintsInvalidJson:
                ScriptPlugins.FailingOnAdd(h, FaultyType, "echo '{\"cniVersion\": \"1.0.0\", not json'");
                break;
            case FaultyPlugin.Hangs:
                ScriptPlugins.FailingOnAdd(h, FaultyType, $"echo $$ > {pids}\nsleep 300 &\necho $! >> {pids}\nwait");
                h.ConfigOverrides["delegateTimeoutSeconds"] = 1;
                break;
            case FaultyPlugin.LeavesChildHoldingStdout:
                ScriptPlugins.FailingOnAdd(h, FaultyType, $"sleep 300 &\necho $! > {pids}\necho '{{\"cniVersion\": \"1.0.0\"}}'");
                h.ConfigOverrides["delegateTimeoutSeconds"] = 1;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        return new JsonObject { ["type"] = FaultyType };
    }

    /// <summary>Where a faulty script writes the ids of its processes.</summary>
    public static string PidFile(ThinModeHarness h) => Path.Combine(h.Node.Root, "faulty.pids");

    /// <summary>The processes a faulty script started that are still alive.</summary>
    public static IReadOnlyList<int> LivingFaultyProcesses(ThinModeHarness h) =>
        File.Exists(PidFile(h))
            ? [.. File.ReadAllLines(PidFile(h)).Where(l => l.Length > 0).Select(int.Parse).Where(IsAlive)]
            : [];

    private static bool IsAlive(int pid)
    {
        var stat = Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
        try
        {
            // A zombie (state Z) is dead: only its parent's wait is missing.
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Kills what a faulty script left (so a failing cell does not leak processes into the next).</summary>
    public static void KillFaultyProcesses(ThinModeHarness h)
    {
        foreach (var pid in LivingFaultyProcesses(h))
        {
            Shell.Run("kill", "-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
