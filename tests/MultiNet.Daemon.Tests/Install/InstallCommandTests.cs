using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Tests.CniConfig;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Tests.Install;

// The install runs the copied binary (its VERSION check): alone, so no parallel test's fork holds the copy open.
[Collection(ForkFreeCollection.Name)]
public sealed class InstallCommandTests : IDisposable
{
    private readonly NodeFolders _node = new();
    private readonly LogCapture _log = new();
    private readonly StringWriter _output = new();
    private readonly string _source;
    private readonly ServiceAccountFolder _serviceAccount;

    public InstallCommandTests()
    {
        _source = Path.Combine(_node.Root, "image", "multinet");
        FakePluginScript.Write(_source, FakePluginScript.AnswersVersion);
        _serviceAccount = new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "sa-token");
    }

    public void Dispose()
    {
        _output.Dispose();
        _node.Dispose();
    }

    private string Kubeconfig => Path.Combine(_node.ConfDir, "multinet.d", "multinet.kubeconfig");

    [Fact]
    public async Task RunAsync_Help_PrintsEveryOptionAndExitsZero()
    {
        (await Run("--help")).Should().Be(0);

        foreach (var option in new[] { "--mode", "--once", "--check", "--cleanup-on-exit", "--cleanup-on-uninstall", "--source", "--cni-bin-dir", "--cni-conf-dir", "--kubeconfig",
                     "--service-account-dir", "--primary-config", "--readiness-indicator-file", "--config-key", "--rescan-seconds" })
        {
            _output.ToString().Should().Contain(option);
        }
    }

    [Theory]
    [InlineData("--mode", "thinner")]
    [InlineData("--bogus")]
    [InlineData("--cni-bin-dir", "relative/bin")]
    [InlineData("--config-key", "clusterNetwork=/x")]
    [InlineData("--config-key", "novalue")]
    [InlineData("--log-level", "loud")]
    [InlineData("--source")]
    [InlineData("--host-root", "/no/such/host/root")]
    public async Task RunAsync_BadArgument_ExitsTwoNamingIt(params string[] args)
    {
        (await Run(args)).Should().Be(2);

        _log.Text.Should().Contain(args[0].Split('=')[0]).And.Contain("--help");
    }

    [Fact]
    public async Task RunAsync_ThickOnce_CopiesOnlyTheBinary()
    {
        (await Run("--mode", "thick", "--once", "--source", _source, "--cni-bin-dir", _node.BinDir, "--cni-conf-dir", _node.ConfDir)).Should().Be(0);

        File.ReadAllBytes(Path.Combine(_node.BinDir, "multinet")).Should().Equal(File.ReadAllBytes(_source));
        File.Exists(Kubeconfig).Should().BeFalse();
        File.Exists(_node.Generated).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_ThinOnce_WritesBinaryKubeconfigAndConfig()
    {
        var primary = _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));

        (await Run(Thin("--once", "--namespace-isolation", "--config-key", "multusNamespace=multinet-system", "--config-key", "defaultNetworks=[\"a\"]")))
            .Should().Be(0);

        File.Exists(Path.Combine(_node.BinDir, "multinet")).Should().BeTrue();
        KubeconfigFile.Load(Kubeconfig).Token.Should().Be("sa-token");
        var plugin = JsonNode.Parse(File.ReadAllText(_node.Generated))!["plugins"]![0]!;
        plugin["kubeconfig"]!.GetValue<string>().Should().Be(Kubeconfig);
        plugin["clusterNetwork"]!.GetValue<string>().Should().Be(primary);
        plugin["namespaceIsolation"]!.GetValue<bool>().Should().BeTrue();
        plugin["multusNamespace"]!.GetValue<string>().Should().Be("multinet-system");
        plugin["defaultNetworks"]!.ToJsonString().Should().Be("""["a"]""");
    }

    [Fact]
    public async Task RunAsync_CheckThin_FailsUntilBinaryKubeconfigAndConfigAreInPlaceAndChangesNothing()
    {
        (await Run(Thin("--check"))).Should().Be(1);
        _output.ToString().Should().Contain($"not in place: \"{Path.Combine(_node.BinDir, "multinet")}\" is missing");
        File.Exists(Path.Combine(_node.BinDir, "multinet")).Should().BeFalse("a check changes nothing");

        (await Run(Thin("--once"))).Should().Be(0);
        (await Run(Thin("--check"))).Should().Be(1, "no primary network config: the config is not written");
        _output.ToString().Should().Contain($"\"{_node.Generated}\" is not written");

        _node.WriteConfig("10-net.conflist", NodeFolders.Conflist("net", "1.0.0", """{"type": "bridge"}"""));
        (await Run(Thin("--once"))).Should().Be(0);
        (await Run(Thin("--check"))).Should().Be(0, _output.ToString());

        File.AppendAllText(Path.Combine(_node.BinDir, "multinet"), "changed");
        (await Run(Thin("--check"))).Should().Be(1, "the host's binary is not the image's any more");
    }

    [Fact]
    public async Task RunAsync_ThinOnceWithoutPrimary_SucceedsAndSaysTheConfigWaits()
    {
        (await Run(Thin("--once"))).Should().Be(0);

        File.Exists(_node.Generated).Should().BeFalse();
        _log.Text.Should().Contain("not written yet").And.Contain("no primary network config");
    }

    [Fact]
    public async Task RunAsync_ThinRunning_KeepsFilesCurrentAndCleansUpOnStop()
    {
        using var stop = new CancellationTokenSource();
        var run = InstallCommand.RunAsync(Thin("--cleanup-on-exit"), _log, _output, Env, stop.Token);
        try
        {
            (await Poll.UntilAsync(() => File.Exists(Kubeconfig))).Should().BeTrue(_log.Text);
            File.Exists(_node.Generated).Should().BeFalse("there is no primary yet");

            _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
            (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue(_log.Text);

            _serviceAccount.Rotate("rotated-token");
            (await Poll.UntilAsync(() => KubeconfigFile.Load(Kubeconfig).Token == "rotated-token")).Should().BeTrue(_log.Text);
        }
        finally
        {
            await stop.CancelAsync();
        }

        (await run).Should().Be(0);
        File.Exists(_node.Generated).Should().BeFalse("--cleanup-on-exit removes the config on SIGTERM");
    }

    [Theory]
    [InlineData("--cleanup-on-uninstall", false)]
    [InlineData(null, true)]
    public async Task RunAsync_ThinStopped_RemovesOrKeepsTheConfig(string? flag, bool kept)
    {
        _node.WriteConfig("10-net.conf", NodeFolders.Conf("net", "1.0.0"));
        using var stop = new CancellationTokenSource();
        var run = InstallCommand.RunAsync(flag is null ? Thin() : Thin(flag), _log, _output, Env, stop.Token);
        (await Poll.UntilAsync(() => File.Exists(_node.Generated))).Should().BeTrue(_log.Text);

        await stop.CancelAsync();

        (await run).Should().Be(0);
        File.Exists(_node.Generated).Should().Be(kept, _log.Text);
        if (flag is not null)
        {
            // Env() has no MULTINET_DAEMONSET_NAME: with nothing to ask, stopping removes the config (the safe side).
            _log.Text.Should().Contain("no uninstall check is configured");
        }
    }

    [Fact]
    public async Task RunAsync_MissingSource_ExitsOneNamingIt()
    {
        (await Run("--once", "--source", Path.Combine(_node.Root, "absent"), "--cni-bin-dir", _node.BinDir)).Should().Be(1);

        _log.Text.Should().Contain("absent").And.Contain("does not exist");
    }

    [Fact]
    public async Task RunAsync_ThinWithoutServiceEnvironment_ExitsOneNamingTheVariable()
    {
        (await InstallCommand.RunAsync(Thin("--once"), _log, _output, _ => null, CancellationToken.None)).Should().Be(1);

        _log.Text.Should().Contain("KUBERNETES_SERVICE_HOST");
    }

    [Fact]
    public async Task RunAsync_BinaryTheHostCannotRun_ExitsOneWithTheLoaderMessageAndKeepsThePreviousBinary()
    {
        var target = Path.Combine(_node.BinDir, "multinet");
        FakePluginScript.Write(target, FakePluginScript.AnswersVersion);
        var previous = File.ReadAllBytes(target);
        FakePluginScript.Write(_source, FakePluginScript.GlibcTooOld);

        (await Run("--mode", "thick", "--once", "--source", _source, "--cni-bin-dir", _node.BinDir)).Should().Be(1);

        _log.Text.Should().Contain("cannot run on this host").And.Contain("CNI_COMMAND=VERSION").And.Contain("exit code 1")
            .And.Contain("version `GLIBC_2.34' not found").And.Contain($"the previous \"{target}\" is kept");
        File.ReadAllBytes(target).Should().Equal(previous);
        _node.TempFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_BinaryThatPrintsNoVersionResult_IsNotInstalled()
    {
        FakePluginScript.Write(_source, "echo hello");

        (await Run("--mode", "thick", "--once", "--source", _source, "--cni-bin-dir", _node.BinDir)).Should().Be(1);

        _log.Text.Should().Contain("did not print a CNI version result: hello").And.Contain("nothing was installed");
        File.Exists(Path.Combine(_node.BinDir, "multinet")).Should().BeFalse();
        _node.TempFiles().Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_InstalledBinaryAlreadyCurrentButBroken_ExitsOne()
    {
        FakePluginScript.Write(_source, "exit 3");
        File.Copy(_source, Path.Combine(_node.BinDir, "multinet"));
        File.SetUnixFileMode(Path.Combine(_node.BinDir, "multinet"), BinaryInstaller.ExecutableMode);

        (await Run("--mode", "thick", "--once", "--source", _source, "--cni-bin-dir", _node.BinDir)).Should().Be(1);

        _log.Text.Should().Contain("cannot run on this host").And.Contain("exit code 3");
    }

    private string[] Thin(params string[] more) =>
    [
        "--mode", "thin", "--source", _source, "--cni-bin-dir", _node.BinDir, "--cni-conf-dir", _node.ConfDir,
        "--service-account-dir", _serviceAccount.Path, "--rescan-seconds", "600", .. more,
    ];

    private Task<int> Run(params string[] args) => InstallCommand.RunAsync(args, _log, _output, Env, CancellationToken.None);

    private static string? Env(string name) => name switch
    {
        "KUBERNETES_SERVICE_HOST" => "10.96.0.1",
        "KUBERNETES_SERVICE_PORT" => "443",
        _ => null,
    };
}
