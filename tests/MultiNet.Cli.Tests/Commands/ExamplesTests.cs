using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Cli.Tests.Commands;

/// <summary>The repository's own examples/ through the published multinetctl, as README.md and demo.sh use them.</summary>
[Collection(FixedHostNamesCollection.Name)]
public sealed class ExamplesTests
{
    private const string MacvlanMaster = "mn-demo0";
    private const string CheckpointDir = "/var/lib/cni/multinet";
    private const string LeaseDir = "/var/lib/cni/networks";
    private static readonly string[] FixedLinks = [MacvlanMaster, "mn-cluster0", "mn-storage0"];

    [RootFact]
    public void Attach_ExamplesWithPodDemo_AttachesFourNetworksAndDetachLeavesNothing()
    {
        FixedLinks.Where(LinkExists).Should().BeEmpty("the examples' host links must be free (is demo.sh running?)");
        using var node = new TestNetwork();
        var containerId = $"cli-examples-{node.Id}";
        string[] common = ["--netns", node.NetnsName, "--config", Example("multinet.conf"), "--container-id", containerId];
        try
        {
            Shell.Check("ip", "link", "add", MacvlanMaster, "type", "bridge");
            Shell.Check("ip", "link", "set", MacvlanMaster, "up");

            var attach = Multinetctl.Run(["attach", .. common, "--manifests", Example("networks.yaml"),
                "--manifests", Example("pod.yaml"), "--pod", "default/demo"]);

            attach.ExitCode.Should().Be(0, attach.ToString());
            var status = attach.Status;
            status.Select(e => (string)e!["name"]!).Should()
                .Equal("cluster", "default/macvlan-a", "default/storage", "default/static-data");
            status.Select(e => (string)e!["interface"]!).Should().Equal("eth0", "net1", "data0", "static0");
            status.Select(e => (bool)e!["default"]!).Should().Equal(true, false, false, false);
            ((string)status[0]!["ips"]![0]!).Should().StartWith("198.18.10.");
            ((string)status[1]!["ips"]![0]!).Should().StartWith("198.18.20.");
            ((string)status[2]!["ips"]![0]!).Should().StartWith("198.18.30.");
            ((string)status[3]!["ips"]![0]!).Should().Be("198.18.40.10");
            ((string)status[3]!["mac"]!).Should().Be("02:00:00:00:40:10");
            node.LinksInNetns().Should().BeEquivalentTo("eth0", "net1", "data0", "static0");
            Shell.Check("ip", "-n", node.NetnsName, "addr", "show", "static0")
                .Should().Contain("inet 198.18.40.10/24").And.Contain("link/ether 02:00:00:00:40:10");
            Shell.Check("ip", "-n", node.NetnsName, "link", "show", "data0").Should().Contain("mtu 1400");
            File.Exists(Checkpoint(containerId)).Should().BeTrue("attach records the attachment for detach");
            LeasesOf(containerId).Should().HaveCount(3, "cluster, macvlan-a and storage use host-local");

            var check = Multinetctl.Run(["check", .. common]);
            check.ExitCode.Should().Be(0, check.ToString());

            var detach = Multinetctl.Run(["detach", .. common]);
            detach.ExitCode.Should().Be(0, detach.ToString());
            File.Exists(Checkpoint(containerId)).Should().BeFalse();
            LeasesOf(containerId).Should().BeEmpty();
            node.AssertNothingLeaked();
        }
        finally
        {
            try
            {
                Multinetctl.Run(["detach", .. common]);
            }
            finally
            {
                foreach (var link in FixedLinks)
                {
                    Shell.Run("ip", "link", "del", link);
                }
            }
        }

        FixedLinks.Where(LinkExists).Should().BeEmpty();
    }

    private static string Example(string file) => Path.Combine(RepoLayout.Examples, file);

    private static string Checkpoint(string containerId) => Path.Combine(CheckpointDir, $"{containerId}.json");

    private static bool LinkExists(string name) => Shell.Run("ip", "link", "show", name).ExitCode == 0;

    /// <summary>host-local lease files (one per address, holding the container id) of this container.</summary>
    private static List<string> LeasesOf(string containerId) => Directory.Exists(LeaseDir)
        ? [.. Directory.EnumerateFiles(LeaseDir, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains(containerId, StringComparison.Ordinal))]
        : [];
}
