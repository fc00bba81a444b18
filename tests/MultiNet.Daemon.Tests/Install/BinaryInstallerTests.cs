using System.Diagnostics;
using FluentAssertions;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Tests.CniConfig;

namespace MultiNet.Daemon.Tests.Install;

[Collection(ForkFreeCollection.Name)]
public sealed class BinaryInstallerTests : IDisposable
{
    private readonly NodeFolders _node = new();

    public void Dispose() => _node.Dispose();

    private string Target => Path.Combine(_node.BinDir, "multinet");

    [Fact]
    public void Install_FreshNode_CopiesExecutable0755WithNoTempLeft()
    {
        var source = Source("/bin/true");

        BinaryInstaller.Install(source, _node.BinDir).Should().BeTrue();

        File.ReadAllBytes(Target).Should().Equal(File.ReadAllBytes(source));
        File.GetUnixFileMode(Target).Should().Be(BinaryInstaller.ExecutableMode);
        _node.TempFiles().Should().BeEmpty();
    }

    [Fact]
    public void Install_SameContent_IsSkipped()
    {
        var source = Source("/bin/true");
        BinaryInstaller.Install(source, _node.BinDir);
        var before = File.GetLastWriteTimeUtc(Target);

        BinaryInstaller.Install(source, _node.BinDir).Should().BeFalse();

        File.GetLastWriteTimeUtc(Target).Should().Be(before);
    }

    [Fact]
    public void Install_SameContentWrongMode_IsFixed()
    {
        var source = Source("/bin/true");
        BinaryInstaller.Install(source, _node.BinDir);
        File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        BinaryInstaller.Install(source, _node.BinDir).Should().BeTrue();

        File.GetUnixFileMode(Target).Should().Be(BinaryInstaller.ExecutableMode);
    }

    [Fact]
    public void Install_TargetBeingExecuted_ReplacesItWithoutTextFileBusy()
    {
        File.Copy("/bin/sleep", Target);
        File.SetUnixFileMode(Target, BinaryInstaller.ExecutableMode);
        using var running = Process.Start(Target, "30");
        try
        {
            // What a plain in-place copy (cp, File.Copy) runs into while the runtime executes the old binary.
            var inPlace = () => File.WriteAllBytes(Target, File.ReadAllBytes("/bin/true"));
            inPlace.Should().Throw<IOException>().WithMessage("*busy*");

            BinaryInstaller.Install(Source("/bin/true"), _node.BinDir).Should().BeTrue();

            File.ReadAllBytes(Target).Should().Equal(File.ReadAllBytes("/bin/true"));
            running.HasExited.Should().BeFalse("the running process keeps the old inode");
        }
        finally
        {
            running.Kill();
            running.WaitForExit();
        }
    }

    [Fact]
    public async Task Install_WhileTheTargetRunsInALoop_EveryRunAndEveryCopySucceeds()
    {
        File.Copy("/bin/true", Target);
        File.SetUnixFileMode(Target, BinaryInstaller.ExecutableMode);
        var sources = new[] { Source("/bin/true", "a"), Source("/bin/sleep", "b") };
        var stopFile = Path.Combine(_node.Root, "stop");

        // The runtime is another process: a child forked by this test process could inherit the temp file's write
        // descriptor for a moment and then see its own exec refused, which no real runtime does.
        var loop = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "while [ ! -e \"$2\" ]; do if \"$1\" 0.01; then echo ok; else echo \"failed $?\"; fi; done", "loop", Target, stopFile })
        {
            loop.ArgumentList.Add(arg);
        }

        using var runs = Process.Start(loop)!;
        var output = runs.StandardOutput.ReadToEndAsync();
        var copies = 0;
        try
        {
            for (var i = 0; i < 20; i++)
            {
                copies += BinaryInstaller.Install(sources[(i + 1) % 2], _node.BinDir, "multinet") ? 1 : 0;
                await Task.Delay(15);
            }
        }
        finally
        {
            File.WriteAllText(stopFile, "");
            await runs.WaitForExitAsync();
        }

        copies.Should().Be(20);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotBeEmpty().And.OnlyContain(line => line == "ok");
        _node.TempFiles().Should().BeEmpty();
    }

    [Fact]
    public void Install_LeftoverTempFromAKilledCopy_IsRemoved()
    {
        var leftover = Path.Combine(_node.BinDir, $".multinet{AtomicFile.TempMarker}123.abc");
        File.WriteAllText(leftover, "half");

        BinaryInstaller.Install(Source("/bin/true"), _node.BinDir);

        File.Exists(leftover).Should().BeFalse();
    }

    [Fact]
    public void Install_MissingSource_NamesIt()
    {
        var act = () => BinaryInstaller.Install(Path.Combine(_node.Root, "nope", "multinet"), _node.BinDir);

        act.Should().Throw<FileNotFoundException>().WithMessage("*source binary*nope/multinet*does not exist*");
    }

    [Fact]
    public void Install_MissingBinDir_NamesIt()
    {
        var act = () => BinaryInstaller.Install(Source("/bin/true"), Path.Combine(_node.Root, "no-bin"));

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*no-bin*does not exist*");
    }

    private string Source(string from, string folder = "image")
    {
        var dir = Path.Combine(_node.Root, folder);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "multinet");
        File.Copy(from, path, overwrite: true);
        return path;
    }
}
