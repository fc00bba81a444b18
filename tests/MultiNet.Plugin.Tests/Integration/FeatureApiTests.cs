using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>How thin mode uses the API: the pod's identity, retries, the default-network override and the request budget.</summary>
public sealed class FeatureApiTests
{
    [RootFact]
    public async Task Add_PodUidDiffersFromTheApis_FailsWith111AndLeavesNothing()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        var env = PluginProcess.Env("ADD", h.ContainerId, h.Node.NetnsPath, "eth0", h.PodNamespace, h.PodName, "00000000-0000-0000-0000-00000000dead");

        var add = await PluginProcess.RunAsync(env, h.Config());

        add.ExitCode.Should().NotBe(0);
        add.Json["code"]!.GetValue<int>().Should().Be(111);
        add.Json["msg"]!.GetValue<string>().Should().Contain("\"team-a/pod-1\"")
            .And.Contain("00000000-0000-0000-0000-00000000dead").And.Contain(h.PodUid!);
        h.Api.Count("GET", "/network-attachment-definitions/").Should().Be(0, "nothing is planned for the wrong pod");
        h.Api.Count("PATCH", "/pods/").Should().Be(0);
        h.Node.AssertNothingLeaked();

        var matching = await h.RunAsync("ADD");
        matching.ExitCode.Should().Be(0, matching.Stdout + h.Log);
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_ApiAnswers503Twice_RetriesAndSucceeds()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        h.Api.FailNext(2, 503, "/pods/", "GET");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        h.Api.Requests.Count(r => r.StatusCode == 503).Should().Be(2);
        h.Api.Count("GET", "/pods/").Should().Be(3);
        h.NetworkStatus.Should().NotBeNull();
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_ApiDown_FailsTransientlyWith11AndLeavesNothing()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a");
        await h.Api.StopAsync();

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().NotBe(0);
        add.Stdout.Should().StartWith("{");
        add.Json["code"]!.GetValue<int>().Should().Be(11);
        add.Json["msg"]!.GetValue<string>().Should().Contain("kubernetes api").And.Contain("\"team-a/pod-1\"");
        h.Node.AssertNothingLeaked();

        await h.Api.RestartAsync();
        var retried = await h.RunAsync("ADD");
        retried.ExitCode.Should().Be(0, retried.Stdout + h.Log);
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootTheory]
    [InlineData("alt-cluster", null, "kube-system")]
    [InlineData("alt-cluster", "team-a", "team-a")]
    [InlineData("kube-system/alt-cluster", "team-a", "kube-system")]
    public async Task Add_DefaultNetworkAnnotation_ReplacesTheClusterNetwork(string annotation, string? multusNamespace, string nadNamespace)
    {
        await using var h = await ThinModeHarness.StartAsync();
        if (multusNamespace is not null)
        {
            h.ConfigOverrides["multusNamespace"] = multusNamespace;
        }

        h.AddNad("alt-cluster", h.BridgeConflist("alt-cluster", h.Node.BridgeName("al"), "198.18.9.0/24", "198.18.9.1", defaultRoute: true),
            ns: nadNamespace);
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddPod("macvlan-a", new Dictionary<string, string> { ["v1.multus-cni.io/default-network"] = annotation });

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        add.Json["ips"]![0]!["address"]!.GetValue<string>().Should().StartWith("198.18.9.");
        Shell.Check("ip", "-n", h.Node.NetnsName, "addr", "show", "eth0").Should().Contain("198.18.9.");
        Shell.Run("ip", "link", "show", h.ClusterBridge).ExitCode.Should().NotBe(0, "the configured cluster network never ran");
        var status = JsonNode.Parse(h.NetworkStatus!)!.AsArray();
        status.Select(s => (string)s!["name"]!).Should().Equal($"{nadNamespace}/alt-cluster", "team-a/macvlan-a");
        status[0]!["default"]!.GetValue<bool>().Should().BeTrue();
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        h.Node.AssertNothingLeaked();
    }

    [RootFact]
    public async Task Add_JsonFormWithTwoNads_MakesExactlyFiveRequestsAndDelNone()
    {
        await using var h = await ThinModeHarness.StartAsync();
        h.AddNad("macvlan-a", h.Macvlan("198.18.2.0/24"));
        h.AddNad("storage", h.BridgeConflist("storage", h.Node.BridgeName("st"), "198.18.3.0/24"), ns: "shared");
        h.AddPod("""[{"name": "macvlan-a", "interface": "mv0"}, {"name": "storage", "namespace": "shared"}]""");

        var add = await h.RunAsync("ADD");

        add.ExitCode.Should().Be(0, add.Stdout + h.Log);
        var requests = string.Join("\n", h.Api.Requests);
        h.Api.Count("GET", "/pods/").Should().Be(1, requests);
        h.Api.Count("GET", "/network-attachment-definitions/").Should().Be(2, requests);
        h.Api.Count("PATCH", "/pods/").Should().Be(1, requests);
        h.Api.Count("POST", "/events").Should().Be(1, requests);
        h.Api.Requests.Should().HaveCount(5, requests);
        h.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "mv0", "net2");

        h.Api.ResetCounts();
        var del = await h.RunAsync("DEL");
        del.ExitCode.Should().Be(0, del.Stdout + h.Log);
        h.Api.Requests.Should().BeEmpty("DEL works from the checkpoint alone");
        h.Node.AssertNothingLeaked();
    }
}
