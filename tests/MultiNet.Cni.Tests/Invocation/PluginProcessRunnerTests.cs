using System.Diagnostics;
using System.Text;
using FluentAssertions;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Tests.Support;

namespace MultiNet.Cni.Tests.Invocation;

public sealed class PluginProcessRunnerTests : IDisposable
{
    private readonly ScriptPlugins _plugins = new();
    private readonly StringWriter _stderr = new();
    private readonly PluginProcessRunner _runner;

    public PluginProcessRunnerTests() => _runner = new PluginProcessRunner(_stderr);

    public void Dispose()
    {
        _plugins.Dispose();
        _stderr.Dispose();
    }

    private DelegateInvocation Invocation(TimeSpan? timeout = null) => new()
    {
        ContainerId = "c0ffee",
        NetNs = "/var/run/netns/test",
        IfName = "net1",
        Args = [new("IgnoreUnknown", "true"), new("K8S_POD_NAME", "web")],
        PluginDirs = [_plugins.Dir, "/usr/lib/cni"],
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    private Task<byte[]> Exec(string path, DelegateInvocation? inv = null, string stdin = "{}", CniCommand command = CniCommand.Add) =>
        _runner.ExecAsync(path, command, inv ?? Invocation(), Encoding.UTF8.GetBytes(stdin), CancellationToken.None);

    private async Task<CniException> Fails(string path, DelegateInvocation? inv = null)
    {
        var act = () => Exec(path, inv);
        return (await act.Should().ThrowAsync<CniException>()).Which;
    }

    [Fact]
    public async Task ExecAsync_PassesTheCniEnvironmentAndStdin()
    {
        var path = _plugins.AddRecorder("rec", addOutput: """{"cniVersion":"1.0.0"}""");

        var stdout = await Exec(path, stdin: """{"name":"n"}""");

        Encoding.UTF8.GetString(stdout).Should().Be("""{"cniVersion":"1.0.0"}""");
        var call = _plugins.Calls().Should().ContainSingle().Which;
        call.Env.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = "ADD",
            ["CNI_CONTAINERID"] = "c0ffee",
            ["CNI_NETNS"] = "/var/run/netns/test",
            ["CNI_IFNAME"] = "net1",
            ["CNI_ARGS"] = "IgnoreUnknown=true;K8S_POD_NAME=web",
            ["CNI_PATH"] = $"{_plugins.Dir}:/usr/lib/cni",
        });
        call.Stdin.Should().Be("""{"name":"n"}""");
    }

    [Fact]
    public async Task ExecAsync_NoAttachment_SetsOnlyCommandAndPathEvenIfOurOwnEnvHasThem()
    {
        var path = _plugins.AddRecorder("rec");
        Environment.SetEnvironmentVariable("CNI_NETNS", "/var/run/netns/ours");
        try
        {
            await Exec(path, Invocation() with { ContainerId = "", IfName = "", NetNs = null, Args = [] }, command: CniCommand.Gc);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CNI_NETNS", null);
        }

        _plugins.Calls().Single().Env.Keys.Should().BeEquivalentTo("CNI_COMMAND", "CNI_PATH");
        _plugins.Calls().Single().Env["CNI_COMMAND"].Should().Be("GC");
    }

    [Fact]
    public async Task ExecAsync_ForwardsStderrLineByLine()
    {
        var path = _plugins.Add("noisy", "echo 'first line' >&2; echo 'second line' >&2; echo '{}'");

        await Exec(path);

        _stderr.ToString().Should().Be($"first line{Environment.NewLine}second line{Environment.NewLine}");
    }

    [Fact]
    public async Task ExecAsync_CniErrorOnStdout_KeepsThePluginsCodeMessageAndDetails()
    {
        var path = _plugins.Add("err", """echo '{"cniVersion":"1.0.0","code":11,"msg":"ipam busy","details":"lock held"}'; exit 1""");

        var e = await Fails(path);

        e.Code.Should().Be(CniErrorCode.TryAgainLater);
        e.Message.Should().Be("ipam busy");
        e.Details.Should().Be("lock held");
    }

    [Fact]
    public async Task ExecAsync_NothingOnStdout_UsesStderrTail()
    {
        var path = _plugins.Add("crash", "i=0; while [ $i -lt 200 ]; do echo \"noise line $i ..........\" >&2; i=$((i+1)); done; echo 'panic: boom' >&2; exit 2");

        var e = await Fails(path);

        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().StartWith("plugin exited with code 2: ").And.EndWith("panic: boom");
        e.Message.Length.Should().BeLessThan(2200, "only the tail of stderr is kept");
    }

    [Fact]
    public async Task ExecAsync_NoOutputAtAll_SaysSo()
    {
        var e = await Fails(_plugins.Add("silent", "exit 3"));

        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().Be("plugin exited with code 3 and no error message");
    }

    [Fact]
    public async Task ExecAsync_GarbageErrorOnStdout_IsDelegateFailedWithTheText()
    {
        var e = await Fails(_plugins.Add("garbage", "echo 'segfault at 0x0'; exit 1"));

        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().Contain("printed an invalid error message");
        e.Details.Should().Be("segfault at 0x0");
    }

    [Fact]
    public async Task ExecAsync_HangingPlugin_IsKilledWithItsChildrenAtTheTimeout()
    {
        var pidFile = Path.Combine(_plugins.Dir, "child.pid");
        var path = _plugins.Add("hang", $"sleep 300 & echo $! > '{pidFile}'; wait");
        var watch = Stopwatch.StartNew();

        var e = await Fails(path, Invocation(TimeSpan.FromSeconds(1)));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().Contain("timed out after 1s");
        var childPid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(childPid);
        IsRunning(childPid).Should().BeFalse("the plugin's child is killed with it");
    }

    [Fact]
    public async Task ExecAsync_CallerCancels_ThrowsCancellationAndKills()
    {
        var pidFile = Path.Combine(_plugins.Dir, "self.pid");
        var path = _plugins.Add("hang", $"echo $$ > '{pidFile}'; exec sleep 300");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var act = () => _runner.ExecAsync(path, CniCommand.Add, Invocation(), "{}"u8.ToArray(), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitUntilGoneAsync(pid);
        IsRunning(pid).Should().BeFalse();
    }

    [Fact]
    public async Task ExecAsync_BinaryStillOpenForWriting_RetriesTextFileBusy()
    {
        var path = Path.Combine(_plugins.Dir, "fresh");
        var writer = new FileStream(path, FileMode.Create, FileAccess.Write);
        writer.Write("#!/bin/sh\necho '{\"ok\":true}'\n"u8);
        writer.Flush();
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        var release = Task.Run(async () =>
        {
            await Task.Delay(150);
            await writer.DisposeAsync();
        });

        var stdout = await Exec(path);

        await release;
        Encoding.UTF8.GetString(stdout).Trim().Should().Be("{\"ok\":true}");
    }

    [Fact]
    public async Task ExecAsync_PluginIgnoresLargeStdin_DoesNotHang()
    {
        var path = _plugins.Add("deaf", "echo done");

        var stdout = await Exec(path, stdin: new string('x', 1 << 20));

        Encoding.UTF8.GetString(stdout).Trim().Should().Be("done");
    }

    [Fact]
    public async Task ExecAsync_LargeStdout_IsReadFully()
    {
        var path = _plugins.Add("big", "head -c 3000000 /dev/zero | tr '\\0' 'a'");

        var stdout = await Exec(path);

        stdout.Length.Should().Be(3_000_000);
    }

    [Fact]
    public async Task ExecAsync_MissingBinary_IsDelegateFailed()
    {
        var e = await Fails(Path.Combine(_plugins.Dir, "absent"));

        e.Code.Should().Be(CniErrorCode.DelegateFailed);
        e.Message.Should().Contain("failed to start plugin");
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        // A zombie (Z) waiting for an init that does not reap is dead too.
        var text = File.ReadAllText(stat);
        var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
        return state is not ("Z" or "X");
    }

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 50 && IsRunning(pid); i++)
        {
            await Task.Delay(100);
        }
    }
}
