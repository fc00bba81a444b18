using System.Diagnostics;
using FluentAssertions;
using MultiNet.Plugin.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Faults;

/// <summary>
/// Fault matrix, API: the status write fails after the delegates ran, the API drops or refuses connections at each
/// call of ADD and during DEL, the pod or a NAD disappears between ADD and DEL.
/// </summary>
public sealed class ApiFaultTests
{
    private const string StatusCall = "PATCH pods/status \"team-a/pod-1\"";

    public static TheoryData<PluginMode, string> StatusWriteFaults() => FaultHarness.Cells("500", "409", "timeout");

    public static TheoryData<PluginMode, string> AddCalls() => FaultHarness.Cells("GET pods", "GET network-attachment-definitions", "PATCH pods/status");

    public static TheoryData<PluginMode, string> GoneBeforeDel() => FaultHarness.Cells("pod", "nad", "api");

    [RootTheory]
    [MemberData(nameof(StatusWriteFaults))]
    public async Task Add_StatusWriteFailsAfterTheDelegates_RollsBackAndNamesTheCall(PluginMode mode, string fault)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 3);
        var (injected, code, part) = fault switch
        {
            "500" => (Fault.Status(500), 11, "500 InternalError"),
            // A conflict that is not the uid precondition (a pod replaced under the same name) is an error.
            "409" => (Fault.Status(409, "Operation cannot be fulfilled on pods \"pod-1\": the object has been modified"), 103, "409 Conflict"),
            _ => (Fault.Drop(TimeSpan.FromSeconds(6)), 11, "no answer within 5000 ms"),
        };
        h.Api.InjectFault(r => r.Method == "PATCH" ? injected : null);

        var add = await h.RunAsync("ADD");

        FaultAssertions.FailedCleanly(h, add, code, StatusCall, part);
        h.Api.Count("PATCH", "/pods/pod-1/status").Should().BeGreaterThan(0, "the delegates ran and the write was tried");
        Shell.Run("ip", "link", "show", FaultHarness.Bridge(h, 2)).ExitCode.Should().Be(0, "every network was attached before the write");
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }

    [RootTheory]
    [MemberData(nameof(FaultHarness.ModeData), MemberType = typeof(FaultHarness))]
    public async Task Add_PodReplacedUnderTheSameNameDuringAdd_SucceedsWithoutTouchingTheNewPod(PluginMode mode)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 2);
        var replaced = 0;
        // Thin mode replaces the pod when the NADs are read, before any delegate. In thick mode the daemon reads pod
        // and NADs from its caches, so the first request of the ADD is the status PATCH: the pod is replaced just
        // before it reaches the store.
        var trigger = mode == PluginMode.Thin ? "network-attachment-definitions" : "pods";
        h.Api.InjectFault(r =>
        {
            if (r.Resource == trigger && r.Verb is not ("watch" or "list") && Interlocked.Exchange(ref replaced, 1) == 0)
            {
                h.Api.DeletePod(h.PodNamespace, h.PodName);
                h.Api.AddPod(h.PodNamespace, h.PodName, new Dictionary<string, string>(), "node-1");
            }

            return null;
        });

        var add = await h.RunAsync("ADD");

        FaultAssertions.Attached(h, add, "eth0", "net1");
        h.NetworkStatus.Should().BeNull("the uid precondition keeps the old pod's status off the new pod");
        h.Log.Should().Contain("pod-1");
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }

    [RootTheory]
    [MemberData(nameof(AddCalls))]
    public async Task Add_ApiUnreachableAtACall_FailsTransientlyAndLeavesNothing(PluginMode mode, string call)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 2);
        var (method, resource) = (call.Split(' ')[0], call.Split(' ')[1].Split('/')[0]);
        if (resource == "pods" && method == "GET")
        {
            await h.Api.StopAsync(); // connection refused
        }
        else
        {
            h.Api.InjectFault(r => r.Method == method && r.Resource == resource ? Fault.Drop() : null);
        }

        var add = await h.RunAsync("ADD");

        if (mode == PluginMode.Thick && resource == "network-attachment-definitions")
        {
            // The daemon's NAD cache already holds the pod's NADs: it reads none from the API, so dropped reads do not matter.
            FaultAssertions.Attached(h, add, "eth0", "net1");
            FaultHarness.EngineRequests(h).Should().OnlyContain(r => r.Method == "PATCH", "pod and NADs came from the daemon's caches");
        }
        else
        {
            // With the API refusing connections the daemon still has the pod and its NADs in its caches: its ADD runs
            // the delegates and fails at the one call it needs, the status PATCH (then rolls back, as thin mode does).
            var failing = mode == PluginMode.Thick && call == "GET pods" ? "PATCH pods/status" : call;
            FaultAssertions.FailedCleanly(h, add, 11, "kubernetes api", failing, "after 3 attempts");
        }

        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);
    }

    [RootTheory]
    [MemberData(nameof(GoneBeforeDel))]
    public async Task Del_PodNadOrApiGoneAfterAdd_TearsDownFromTheCheckpointWithoutAnyApiCall(PluginMode mode, string gone)
    {
        await using var h = await FaultHarness.StartAsync(mode);
        FaultHarness.ArrangePod(h, 3);
        FaultAssertions.Attached(h, await h.RunAsync("ADD"), "eth0", "net1", "net2");
        h.Node.Leases().Should().HaveCount(3);
        h.Api.ResetCounts();
        switch (gone)
        {
            case "pod":
                h.Api.DeletePod(h.PodNamespace, h.PodName);
                break;
            case "nad":
                h.Api.DeleteNad(h.PodNamespace, "mnf-net1");
                h.Api.DeleteNad(h.PodNamespace, "mnf-net2");
                break;
            default:
                await h.Api.StopAsync(); // connection refused
                break;
        }

        var started = Stopwatch.StartNew();
        await FaultAssertions.DelSucceedsAndNothingLeakedAsync(h);

        FaultHarness.EngineRequests(h).Should().BeEmpty("DEL works from the checkpoint alone");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "DEL does not wait for an API that is gone");
    }
}
