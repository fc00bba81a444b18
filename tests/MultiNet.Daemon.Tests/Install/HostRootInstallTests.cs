using FluentAssertions;
using MultiNet.Cni.Invocation;
using MultiNet.Daemon.Tests.CniConfig;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Install;

/// <summary>
/// The published multinetd's <c>install --host-root</c>: the copied multinet is tried chrooted into the host's root, as
/// the runtime will run it. Here the "host" is either this machine's <c>/</c> or a directory holding only the CNI bin
/// folder (bind-mounted at the same path, as a DaemonSet mounts it), which lacks the ELF interpreter multinet needs.
/// </summary>
[Collection(ForkFreeCollection.Name)]
public sealed class HostRootInstallTests : IDisposable
{
    private readonly NodeFolders _node = new();
    private readonly string _bareRoot;

    public HostRootInstallTests() => _bareRoot = Path.Combine(_node.Root, "bare-host");

    private string Target => Path.Combine(_node.BinDir, "multinet");

    public void Dispose()
    {
        var mounted = Path.Join(_bareRoot, _node.BinDir);
        if (Directory.Exists(mounted))
        {
            Shell.Run("umount", mounted);
        }

        _node.Dispose();
    }

    [RootFact]
    public void Install_HostRootIsThisMachine_InstallsAfterMultinetAnsweredChrooted()
    {
        var (code, _, stderr) = Install("/");

        code.Should().Be(0, stderr);
        File.ReadAllBytes(Target).Should().Equal(File.ReadAllBytes(RepoLayout.Plugin));
        _node.TempFiles().Should().BeEmpty();
    }

    [RootFact]
    public void Install_HostWithoutTheElfInterpreter_FailsNamingItAndKeepsThePreviousBinary()
    {
        FakePluginScript.Write(Target, FakePluginScript.AnswersVersion);
        var previous = File.ReadAllBytes(Target);
        MountBinDirInBareRoot();

        var (code, _, stderr) = Install(_bareRoot);

        code.Should().Be(1);
        stderr.Should().Contain("cannot run on this host").And.Contain($"chrooted into \"{_bareRoot}\"")
            .And.Contain($"exit code {ChrootLauncher.CannotRunExitCode}").And.Contain("No such file or directory")
            .And.Contain("ELF interpreter \"/lib64/ld-linux-x86-64.so.2\" is missing")
            .And.Contain($"the previous \"{Target}\" is kept");
        File.ReadAllBytes(Target).Should().Equal(previous);
        _node.TempFiles().Should().BeEmpty();
    }

    [RootFact]
    public void Install_HostRootWithoutTheBinDir_NamesThePathItLookedFor()
    {
        Directory.CreateDirectory(_bareRoot);

        var (code, _, stderr) = Install(_bareRoot);

        code.Should().Be(1);
        stderr.Should().Contain($"\"{_bareRoot}{_node.BinDir}/.multinet").And.Contain("does not exist").And.Contain("--host-root");
        File.Exists(Target).Should().BeFalse();
        _node.TempFiles().Should().BeEmpty();
    }

    [RootFact]
    public void ChrootLauncher_MissingRoot_Exits127NamingIt()
    {
        var missing = Path.Combine(_node.Root, "no-root");

        var (code, _, stderr) = Shell.Run(RepoLayout.Daemon, ChrootLauncher.Verb, missing, "/bin/true");

        code.Should().Be(ChrootLauncher.CannotRunExitCode);
        stderr.Should().Be($"chroot-exec: chroot to \"{missing}\" failed: No such file or directory\n");
    }

    [RootFact]
    public void ChrootLauncher_ProgramInTheRoot_RunsThereWithArgumentsAndEnvironment()
    {
        // This machine's root again: the program starts in the root's "/" with the arguments it was given.
        var (code, stdout, stderr) = Shell.Run(RepoLayout.Daemon, ChrootLauncher.Verb, "/", "/bin/sh", "-c", "pwd; echo \"$1\"", "sh", "arg one");

        code.Should().Be(0, stderr);
        stdout.Should().Be("/\narg one\n");
    }

    private (int Code, string Stdout, string Stderr) Install(string hostRoot) => Shell.Run(
        RepoLayout.Daemon, "install", "--mode", "thick", "--once", "--source", RepoLayout.Plugin, "--cni-bin-dir", _node.BinDir, "--host-root", hostRoot);

    // The bare root holds the bin folder at the same path as outside (a DaemonSet mounts the host's /opt/cni/bin at
    // /opt/cni/bin and the host's / at /hostroot: both name the same folder) and nothing else: no loader, no libc.
    private void MountBinDirInBareRoot()
    {
        var mountPoint = Path.Join(_bareRoot, _node.BinDir);
        Directory.CreateDirectory(mountPoint);
        Shell.Check("mount", "--bind", _node.BinDir, mountPoint);
    }
}
