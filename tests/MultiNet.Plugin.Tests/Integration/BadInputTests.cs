using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// Every bad input through the published binary: a CNI error JSON on stdout with the right code, a message naming the
/// network and field, a non-zero exit, and nothing left behind — the cluster network included.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Cases => new(BadInputCases.All.Keys);

    [RootTheory]
    [MemberData(nameof(Cases))]
    public async Task Add_BadInput_FailsWithCodeAndMessageAndLeavesNothing(string name)
    {
        var bad = BadInputCases.All[name];
        await using var h = await ThinModeHarness.StartAsync("198.18.161.0/24", "f");
        bad.Arrange(h);

        var outcome = bad.Run is null ? await h.RunAsync("ADD") : await bad.Run(h);

        var context = $"stdout: {outcome.Stdout}\nstderr: {outcome.Stderr}\nlog: {h.Log}";
        outcome.ExitCode.Should().NotBe(0, context);
        outcome.Stdout.Should().StartWith("{", "stdout carries only CNI JSON, never a stack trace");
        var error = outcome.Json;
        error["code"]!.GetValue<int>().Should().Be(bad.Code, context);
        error["cniVersion"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var message = error["msg"]!.GetValue<string>();
        foreach (var part in bad.MessageParts)
        {
            message.Should().Contain(part, context);
        }

        error.Should().NotContainKey("result");
        if (bad.ClusterAttachedFirst)
        {
            // The bridge plugin leaves its host bridge behind: proof that the cluster network ran before the failure.
            Shell.Run("ip", "link", "show", h.ClusterBridge).ExitCode.Should().Be(0, "the cluster network was attached first, then rolled back");
        }

        if (bad.MustNotExist is not null)
        {
            File.Exists(bad.MustNotExist(h)).Should().BeFalse("a plugin outside binDir must never run");
        }

        bad.Cleanup?.Invoke(h);
        h.Node.AssertNothingLeaked();
        h.NetworkStatus.Should().BeNull("a failed ADD writes no network-status");
        h.Api.Count("PATCH", "/pods/").Should().Be(0);
        if (!bad.ConfigRefused)
        {
            var del = await h.RunAsync("DEL");
            del.ExitCode.Should().Be(0, $"DEL after a failed ADD succeeds: {del.Stdout}");
            h.Node.AssertNothingLeaked();
        }
    }

    [Fact]
    public void Cases_CoverTheIssuesList_AtLeast100()
    {
        BadInputCases.All.Should().HaveCountGreaterThanOrEqualTo(100);
        // No code 2 (unsupported field) any more: it went with "thick mode is not part of this build".
        BadInputCases.All.Values.Select(c => c.Code).Should().Contain([1, 3, 4, 6, 7, 11, 100, 101, 102, 105, 107, 109]);
    }

    [RootFact]
    public async Task Add_EnvironmentError_AnswersInTheConfigsCniVersion()
    {
        await using var h = await ThinModeHarness.StartAsync("198.18.161.0/24", "f");
        var env = PluginProcess.Env("ADD", h.ContainerId, netns: null);

        var outcome = await PluginProcess.RunAsync(env, h.Config());

        outcome.Json["code"]!.GetValue<int>().Should().Be(4);
        outcome.Json["cniVersion"]!.GetValue<string>().Should().Be("1.0.0",
            "an error carries the cniVersion of the configuration the runtime passed (CNI spec, Error), not the plugin's newest");
    }

    [RootFact]
    public async Task Add_MissingNad_RecordsNoNetworkFoundEvent()
    {
        await using var h = await ThinModeHarness.StartAsync("198.18.161.0/24", "f");
        h.AddPod("ghost");

        var add = await h.RunAsync("ADD");

        add.Json["code"]!.GetValue<int>().Should().Be(100);
        h.Api.Events.Should().ContainSingle(e => (string)e["reason"]! == "NoNetworkFound")
            .Which["message"]!.GetValue<string>().Should().Contain("team-a/ghost");
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_FailedAfterCluster_ThenDelIsANoOpAndAFixedAddWorks()
    {
        await using var h = await ThinModeHarness.StartAsync("198.18.161.0/24", "f");
        ScriptPlugins.FailingOnAdd(h, "flaky", "exit 1");
        h.AddNad("flaky-net", new JsonObject { ["cniVersion"] = "1.0.0", ["type"] = "flaky" });
        h.AddPod("flaky-net");
        (await h.RunAsync("ADD")).ExitCode.Should().NotBe(0);
        h.Node.AssertNothingLeaked();

        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, del.Stdout);
        del.Stdout.Should().BeEmpty();

        h.Api.DeleteNad(h.PodNamespace, "flaky-net");
        h.AddNad("flaky-net", h.Macvlan("198.18.162.0/24"));
        var add = await h.RunAsync("ADD");
        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        h.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }
}
