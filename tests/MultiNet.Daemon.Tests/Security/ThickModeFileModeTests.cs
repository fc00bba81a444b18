using FluentAssertions;
using MultiNet.Daemon.Tests.Integration;
using MultiNet.Testing;
using MultiNet.Testing.Node;
using Xunit;

namespace MultiNet.Daemon.Tests.Security;

/// <summary>
/// The modes docs/thick-mode.md and docs/install.md promise: the socket 0600 in a 0700 directory (narrowed when it
/// exists wider), checkpoints written by the daemon 0600 in a 0700 directory.
/// </summary>
public sealed class ThickModeFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnly = OwnerReadWrite | UnixFileMode.UserExecute;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_SocketDirectory_Is0700WithASocket0600(bool existedWorldWritable)
    {
        await using var h = await DaemonHarness.StartAsync(startDaemon: false);
        if (existedWorldWritable)
        {
            Directory.CreateDirectory(h.SocketDir);
            File.SetUnixFileMode(h.SocketDir, (UnixFileMode)0b111_111_111);
            await File.WriteAllTextAsync(h.SocketPath, "a stale file where the socket goes");
        }

        await h.StartDaemonAsync();

        File.GetUnixFileMode(h.SocketDir).Should().Be(OwnerOnly);
        File.GetUnixFileMode(h.SocketPath).Should().Be(OwnerReadWrite);
        Shell.Check("stat", "-c", "%F", h.SocketPath).Trim().Should().Be("socket", "a stale file in its place is replaced");
        (await SocketClient.ReadyStatusAsync(h.SocketPath)).Should().Be(200);
    }

    [RootFact]
    public async Task Add_ThroughTheDaemon_CheckpointDirectory0700AndFile0600()
    {
        await using var h = await DaemonHarness.StartAsync();
        var cniDir = Path.Combine(h.Node.CniDir, "nested", "multinet");
        h.ShimOverrides["cniDir"] = cniDir;
        h.AddMacvlanNad();
        var pod = h.NewPod("macvlan-a");
        await ThickModeAddDelTests.WaitUntilCachedAsync(h, 1);

        var add = await h.RunAsync("ADD", pod);

        add.ExitCode.Should().Be(0, add.Stdout + h.Logs);
        File.GetUnixFileMode(cniDir).Should().Be(OwnerOnly);
        var files = Directory.GetFiles(cniDir);
        files.Should().ContainSingle("one checkpoint, no temp file left");
        File.GetUnixFileMode(files[0]).Should().Be(OwnerReadWrite);
        File.ReadAllText(files[0]).Should().Contain("macvlan", "the checkpoint holds the delegate configs, hence its mode");
        (await h.RunAsync("DEL", pod)).ExitCode.Should().Be(0, h.Logs);
        Directory.GetFiles(cniDir).Should().BeEmpty();
        h.AssertNothingLeaked();
    }
}
