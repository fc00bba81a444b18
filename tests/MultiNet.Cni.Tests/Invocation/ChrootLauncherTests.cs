using System.Diagnostics;
using System.Text;
using FluentAssertions;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Cni.Tests.Invocation;

/// <summary>
/// Plugins run chrooted into a root made of a copied /bin/sh, launched by the published multinetd's chroot-exec mode
/// (a test host cannot chroot its own children).
/// </summary>
public sealed class ChrootLauncherTests : IDisposable
{
    private readonly MinimalRoot _root = new();
    private readonly StringWriter _stderr = new();

    public void Dispose()
    {
        _root.Dispose();
        _stderr.Dispose();
    }

    private PluginProcessRunner Runner() => new(_stderr, new ChrootLauncher(_root.Path, RepoLayout.Daemon));

    private static DelegateInvocation Invocation(string containerId, TimeSpan? timeout = null) => new()
    {
        ContainerId = containerId,
        NetNs = "/var/run/netns/test",
        IfName = "net1",
        PluginDirs = [MinimalRoot.BinDir, "/usr/lib/cni"],
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    [RootFact]
    public async Task ExecAsync_WithChroot_RunsThePluginInsideTheRootWithItsEnvironmentAndStdin()
    {
        File.WriteAllText(_root.Here("/only-inside"), "node state");
        _root.AddScript("/opt/cni/bin/probe", """
            read -r config
            read -r state < /only-inside
            echo "$config|$state|$PWD|$MULTINET_DELEGATE_OF|$CNI_COMMAND|$CNI_PATH|$CNI_NETNS|$PATH" > /seen
            printf '{"cniVersion":"1.0.0"}'
            """);
        var runner = Runner();
        var path = runner.Locator([MinimalRoot.BinDir]).Find("probe");

        var stdout = await runner.ExecAsync(path, CniCommand.Add, Invocation("c0ffee"), Encoding.UTF8.GetBytes("{\"name\":\"n\"}\n"), CancellationToken.None);

        Encoding.UTF8.GetString(stdout).Should().Be("""{"cniVersion":"1.0.0"}""", _stderr.ToString());
        File.ReadAllText(_root.Here("/seen")).Trim().Should().Be($$"""{"name":"n"}|node state|/|c0ffee|ADD|/opt/cni/bin:/usr/lib/cni|/var/run/netns/test|{{ChrootLauncher.HostSearchPath}}""",
            "PATH is the host's, not the one of our image");
    }

    [RootFact]
    public async Task ExecAsync_WithChrootPluginHangs_IsKilledAtTheTimeout()
    {
        Shell.Check("mkfifo", _root.Here("/never-written"));
        _root.AddScript("/opt/cni/bin/hang", "read -r x < /never-written");

        var act = () => Runner().ExecAsync("/opt/cni/bin/hang", CniCommand.Add, Invocation("hang"), "{}"u8.ToArray(), CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message.Should().Contain("timed out after");
        await WaitUntilAsync(() => !ProcessesInRoot().Any());
        ProcessesInRoot().Should().BeEmpty("the chrooted plugin is the launched process itself and is killed with it");
    }

    [RootFact]
    public async Task ExecAsync_ProgramMissingInsideRoot_FailsNamingProgramAndRoot()
    {
        var act = () => Runner().ExecAsync("/opt/cni/bin/gone", CniCommand.Add, Invocation("gone"), "{}"u8.ToArray(), CancellationToken.None);

        var e = (await act.Should().ThrowAsync<CniException>()).Which;
        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().Contain($"cannot run \"/opt/cni/bin/gone\" inside \"{_root.Path}\"").And.Contain("No such file");
    }

    [RootFact]
    public async Task Exec_RootMissing_Exits127NamingTheRoot()
    {
        var info = new ChrootLauncher("/nonexistent/hostroot", RepoLayout.Daemon).StartInfo("/bin/sh", ["-c", "exit 0"]);
        info.RedirectStandardError = true;
        using var launched = Process.Start(info)!;
        var stderr = await launched.StandardError.ReadToEndAsync();
        await launched.WaitForExitAsync();

        launched.ExitCode.Should().Be(ChrootLauncher.CannotRunExitCode);
        stderr.Should().Contain("chroot to \"/nonexistent/hostroot\" failed");
    }

    [Fact]
    public void Locator_WithChroot_SearchesOnlyInsideTheRootAndFollowsAbsoluteLinksThere()
    {
        Directory.CreateDirectory(_root.Here("/usr/libexec/cni"));
        _root.AddScript("/usr/libexec/cni/calico", "exit 0");
        File.CreateSymbolicLink(_root.Here("/opt/cni/bin/calico"), "/usr/libexec/cni/calico");
        var locator = new PluginLocator([MinimalRoot.BinDir, "/usr/lib/cni"], new ChrootLauncher(_root.Path));

        locator.Find("calico").Should().Be("/opt/cni/bin/calico");
        var missing = FluentActions.Invoking(() => locator.Find("bridge")).Should().Throw<CniException>().Which;
        missing.Message.Should().Be($"failed to find plugin \"bridge\" in path [/opt/cni/bin /usr/lib/cni] inside root \"{_root.Path}\"",
            "the host's /usr/lib/cni/bridge is outside the root");
    }

    private IEnumerable<string> ProcessesInRoot() =>
        Directory.EnumerateDirectories("/proc").Where(dir => int.TryParse(Path.GetFileName(dir), out _)).Where(dir =>
        {
            try
            {
                return new DirectoryInfo(Path.Join(dir, "root")).LinkTarget == _root.Path;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
    }
}
