using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Cli.Tests.Commands;
using MultiNet.Testing;
using static MultiNet.Cli.Tests.Migrate.MigrateRun;

namespace MultiNet.Cli.Tests.Migrate;

/// <summary>
/// <c>multinetctl migrate --to-multus</c>: before a node goes back to Multus, MultiNet's checkpoints become the files Multus
/// deletes pods from. A real attach (bridge, macvlan, a conflist, host-local) in a real netns, then Multus's DEL from the
/// written files alone must leave no interface and no lease.
/// </summary>
public sealed class ToMultusTests
{
    [RootFact]
    public void ToMultus_AfterAnAttach_WritesFilesFromWhichMultussDelFreesEverything()
    {
        using var s = new StandaloneNode();
        s.WriteManifest("nets.yaml", ManifestText.NadYaml("default", "a", s.Macvlan("198.19.60.0/24")) + "---\n"
            + ManifestText.NadYaml("default", "b", s.BridgeWithTuning("b", "bt", "198.19.61.0/24", 1400)));
        var attach = RunArgs("attach", "--netns", s.Node.NetnsName, "--config", s.ConfigPath, "--manifests", s.ManifestDir, "--networks", "a, b@data0");
        attach.ExitCode.Should().Be(0, attach.ToString());
        s.Node.Leases().Should().HaveCount(3);
        var multusDir = Path.Join(s.Node.Root, "multus");

        var run = RunArgs("migrate", "--to-multus", "--cni-dir", s.Node.CniDir, "--multus-cni-dir", multusDir);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Run.Stdout.Should().StartWith($"{s.DefaultContainerId}: written: ").And.Contain("3 attachment(s), 3 result file(s)");
        var cache = JsonNode.Parse(File.ReadAllText(Path.Join(multusDir, s.DefaultContainerId)))!.AsArray();
        cache.Select(e => ((string)e!["Name"]!, (string)e["ifnameRequest"]!)).Should().Equal(("cluster", "eth0"), ("default/a", "net1"), ("default/b", "data0"));
        cache[1]!["ConfList"]!.AsObject().Should().BeEmpty("a single conf: Multus runs it as a conf");
        ((string)cache[1]!["Conf"]!["type"]!).Should().Be("macvlan");
        cache[2]!["ConfList"]!["plugins"]!.AsArray().Select(p => (string)p!["type"]!).Should().Equal("bridge", "tuning");
        var result = JsonNode.Parse(File.ReadAllText(Path.Join(multusDir, "results", $"b-{s.DefaultContainerId}-data0")))!;
        ((string)result["kind"]!).Should().Be("cniCacheV1");
        ((string)result["result"]!["cniVersion"]!).Should().Be("1.0.0");
        File.GetUnixFileMode(Path.Join(multusDir, s.DefaultContainerId)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        s.Node.Checkpoints().Should().BeEmpty("the pod has one record left, in Multus's format");

        MultusDelFromFiles.Run(multusDir, s.DefaultContainerId, s.Node.NetnsPath);

        s.Node.LinksInNetns().Should().BeEmpty("Multus's DEL from the written files removed every interface");
        s.Node.Leases().Should().BeEmpty("and released every host-local lease");
        Directory.EnumerateFileSystemEntries(multusDir).Should().Equal(Path.Join(multusDir, "results"));
        Directory.EnumerateFileSystemEntries(Path.Join(multusDir, "results")).Should().BeEmpty();
        s.Node.AssertNothingLeaked();
    }

    [RootFact]
    public void ToMultus_ContainerMultusAttached_IsLeftAlone()
    {
        using var s = new StandaloneNode();
        var multusDir = AttachClusterNetworkOnly(s);
        Directory.CreateDirectory(multusDir);
        File.WriteAllText(Path.Join(multusDir, s.DefaultContainerId), "[]");

        var run = RunArgs("migrate", "--to-multus", "--cni-dir", s.Node.CniDir, "--multus-cni-dir", multusDir);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Run.Stdout.Should().Contain($"{s.DefaultContainerId}: skipped: ");
        File.ReadAllText(Path.Join(multusDir, s.DefaultContainerId)).Should().Be("[]");
        s.Node.Checkpoints().Should().ContainSingle("MultiNet keeps its own record of a container it did not hand over");
    }

    [RootFact]
    public void ToMultus_ContainerWithAnOperationRunning_IsLeftForALaterRun()
    {
        using var s = new StandaloneNode();
        var multusDir = AttachClusterNetworkOnly(s);
        var store = new CheckpointStore(s.Node.CniDir);

        using (ContainerLock.TryAcquire(store, s.DefaultContainerId) ?? throw new InvalidOperationException("lock not free"))
        {
            var busy = RunArgs("migrate", "--to-multus", "--cni-dir", s.Node.CniDir, "--multus-cni-dir", multusDir);

            busy.ExitCode.Should().Be(0, busy.ToString());
            busy.Run.Stdout.Should().Contain($"{s.DefaultContainerId}: skipped: an operation is running");
            File.Exists(Path.Join(multusDir, s.DefaultContainerId)).Should().BeFalse();
            store.Read(s.DefaultContainerId).Should().NotBeNull();
        }

        var later = RunArgs("migrate", "--to-multus", "--cni-dir", s.Node.CniDir, "--multus-cni-dir", multusDir);

        later.Run.Stdout.Should().Contain($"{s.DefaultContainerId}: written: ");
        MultusDelFromFiles.Run(multusDir, s.DefaultContainerId, s.Node.NetnsPath);
        s.Node.AssertNothingLeaked();
    }

    [Fact]
    public void ToMultus_MissingCheckpointFolder_Exits2NamingIt()
    {
        var run = RunArgs("migrate", "--to-multus", "--cni-dir", "/nonexistent/multinet");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Run.Stderr.Should().Contain("--cni-dir \"/nonexistent/multinet\"");
    }

    /// <summary>A pod with the cluster network only, attached by MultiNet; returns the Multus folder to write to.</summary>
    private static string AttachClusterNetworkOnly(StandaloneNode s)
    {
        var attach = RunArgs("attach", "--netns", s.Node.NetnsName, "--config", s.ConfigPath, "--manifests", s.ManifestDir);
        attach.ExitCode.Should().Be(0, attach.ToString());
        return Path.Join(s.Node.Root, "multus");
    }
}
