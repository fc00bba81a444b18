using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Testing;

namespace MultiNet.Plugin.Tests.Security;

/// <summary>Checkpoints hold every attachment's config (which may carry secrets): files 0600, the directory 0700, as documented.</summary>
public sealed class CheckpointModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [RootFact]
    public async Task Add_CreatesCheckpointDirectory0700AndFile0600()
    {
        await using var h = await SecurityHarness.StartAsync();
        var cniDir = Path.Combine(h.Node.CniDir, "nested", "multinet");
        h.ConfigOverrides["cniDir"] = cniDir;
        h.AddNad("net-a", h.Macvlan("198.18.177.0/24"));
        h.AddPod("net-a");

        var add = await h.RunAsync("ADD");

        FaultAssertions.Attached(h, add, "eth0", "net1");
        File.GetUnixFileMode(cniDir).Should().Be(OwnerReadWrite | UnixFileMode.UserExecute);
        var files = Directory.GetFiles(cniDir);
        files.Should().ContainSingle();
        File.GetUnixFileMode(files[0]).Should().Be(OwnerReadWrite);
        File.ReadAllText(files[0]).Should().Contain("macvlan", "the checkpoint holds the delegate configs, hence its mode");
        (await h.RunAsync("DEL")).ExitCode.Should().Be(0);
        Directory.GetFiles(cniDir).Should().BeEmpty();
        h.Node.AssertNothingLeaked();
    }
}
