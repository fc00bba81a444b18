using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>attach / check / detach through the published multinetctl, real reference plugins, a fresh netns.</summary>
public sealed class AttachCommandTests
{
    [RootFact]
    public void Attach_NetworksTextForm_PrintsStatusAndCheckAndDetachLeaveNothing()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        s.WriteManifest("b.yaml", ManifestText.NadYaml("default", "b", s.BridgeWithTuning("b", "st", "198.19.3.0/24", mtu: 1400)));

        var attach = s.Attach("--networks", "a, b@data0");

        attach.ExitCode.Should().Be(0, attach.ToString());
        var status = attach.Status;
        status.Select(e => (string)e!["name"]!).Should().Equal("cluster", "default/a", "default/b");
        status.Select(e => (string)e!["interface"]!).Should().Equal("eth0", "net1", "data0");
        status.Select(e => (bool)e!["default"]!).Should().Equal(true, false, false);
        ((string)status[0]!["ips"]![0]!).Should().StartWith("198.19.1.");
        ((string)status[1]!["ips"]![0]!).Should().StartWith("198.19.2.");
        ((string)status[2]!["ips"]![0]!).Should().StartWith("198.19.3.");
        s.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1", "data0");
        s.AddrShow("data0").Should().Contain("mtu 1400");
        s.Node.Checkpoints().Should().ContainSingle().Which.Should().EndWith($"{s.DefaultContainerId}.json");
        s.Node.Leases().Should().HaveCount(3);

        var check = s.Check();
        check.ExitCode.Should().Be(0, check.ToString());
        check.Stdout.Should().Contain(s.DefaultContainerId);

        var detach = s.Detach();
        detach.ExitCode.Should().Be(0, detach.ToString());
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_PodManifestJsonFormWithStaticIps_AttachesTheAddressOnTheNamedInterface()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("static.json", ManifestText.NadJson("team", "st", s.StaticMacvlan("st")));
        s.WriteManifest("pod.yaml", ManifestText.PodYaml("team", "web", """
            [
              { "name": "st", "interface": "st0", "ips": ["198.19.4.10/24"] }
            ]
            """));

        var attach = s.Attach("--pod", "team/web");

        attach.ExitCode.Should().Be(0, attach.ToString());
        var status = attach.Status;
        status.Select(e => (string)e!["name"]!).Should().Equal("cluster", "team/st");
        status.Select(e => (string)e!["interface"]!).Should().Equal("eth0", "st0");
        status[0]!["default"]!.GetValue<bool>().Should().BeTrue();
        status[1]!["ips"]!.AsArray().Select(ip => (string)ip!).Should().Equal("198.19.4.10");
        s.AddrShow("st0").Should().Contain("inet 198.19.4.10/24");
        s.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "st0");

        s.Check().ExitCode.Should().Be(0);
        var detach = s.Detach();
        detach.ExitCode.Should().Be(0, detach.ToString());
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_OutputResult_PrintsTheClusterNetworksCniResult()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));

        var attach = s.Attach("--networks", "a", "--output", "result");

        attach.ExitCode.Should().Be(0, attach.ToString());
        var result = attach.Result;
        result["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        var interfaces = result["interfaces"]!.AsArray();
        interfaces.Should().Contain(i => (string)i!["name"]! == "eth0" && (string?)i["sandbox"] == s.Node.NetnsPath);
        var ips = result["ips"]!.AsArray();
        ips.Should().ContainSingle();
        ((string)ips[0]!["address"]!).Should().StartWith("198.19.1.").And.EndWith("/24");
        var eth0Index = ips[0]!["interface"]!.GetValue<int>();
        ((string)interfaces[eth0Index]!["name"]!).Should().Be("eth0");
        s.Node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1");

        var detach = s.Detach();
        detach.ExitCode.Should().Be(0, detach.ToString());
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Attach_ExplicitContainerIdAndIfname_DetachWithTheSameIdsRemovesIt()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("a.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.2.0/24")));
        var ids = new[] { "--container-id", $"ctr-{s.Node.Id}", "--ifname", "pod0" };

        var attach = s.Attach(["--networks", "a", .. ids]);

        attach.ExitCode.Should().Be(0, attach.ToString());
        attach.Status.Select(e => (string)e!["interface"]!).Should().Equal("pod0", "net1");
        s.Node.Checkpoints().Should().ContainSingle().Which.Should().EndWith($"ctr-{s.Node.Id}.json");
        s.Check(ids).ExitCode.Should().Be(0);

        var detach = s.Detach(ids);
        detach.ExitCode.Should().Be(0, detach.ToString());
        detach.Stdout.Should().Contain($"ctr-{s.Node.Id}");
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void Detach_NothingAttached_SucceedsAndChangesNothing()
    {
        using var s = new StandaloneNode();

        var detach = s.Detach();

        detach.ExitCode.Should().Be(0, detach.ToString());
        s.Node.AssertNothingLeaked();
    }
}
