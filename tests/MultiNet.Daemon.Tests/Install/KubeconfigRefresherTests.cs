using System.Text;
using FluentAssertions;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Tests.CniConfig;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Tests.Install;

public sealed class KubeconfigRefresherTests : IDisposable
{
    private readonly NodeFolders _node = new();
    private readonly LogCapture _log = new();
    private readonly Dictionary<string, string> _env = new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

    public void Dispose() => _node.Dispose();

    private string KubeconfigPath => Path.Combine(_node.ConfDir, "multinet.d", "multinet.kubeconfig");

    [Fact]
    public void Refresh_ServiceAccount_WritesKubeconfig0600ThatTheApiClientReads()
    {
        var sa = new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "token-one\n");

        Refresher(sa).Refresh().Should().BeTrue();

        File.GetUnixFileMode(KubeconfigPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var endpoint = KubeconfigFile.Load(KubeconfigPath);
        endpoint.Server.Should().Be(new Uri("https://10.96.0.1:443"));
        endpoint.Token.Should().Be("token-one");
        Encoding.ASCII.GetString(endpoint.CaCertificatePem!).Should().Be(ServiceAccountFolder.Ca);
        _node.TempFiles().Should().BeEmpty();
    }

    [Fact]
    public void Refresh_Unchanged_DoesNotRewrite()
    {
        var refresher = Refresher(new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "t"));
        refresher.Refresh();

        refresher.Refresh().Should().BeFalse();
    }

    [Fact]
    public void Refresh_Ipv6Host_IsBracketed()
    {
        _env["KUBERNETES_SERVICE_HOST"] = "fd00::1";

        Refresher(new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "t")).Refresh();

        KubeconfigFile.Load(KubeconfigPath).Server.Should().Be(new Uri("https://[fd00::1]:443"));
    }

    [Fact]
    public void Refresh_NotInAPod_SaysWhichVariableIsMissing()
    {
        _env.Clear();

        var act = () => Refresher(new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "t")).Refresh();

        act.Should().Throw<InvalidOperationException>().WithMessage("*KUBERNETES_SERVICE_HOST*");
        File.Exists(KubeconfigPath).Should().BeFalse();
    }

    [Fact]
    public void Refresh_NoToken_NamesTheFile()
    {
        var act = () => new KubeconfigRefresher(KubeconfigPath, Path.Combine(_node.Root, "empty-sa"), Env).Refresh();

        act.Should().Throw<InvalidOperationException>().WithMessage("*empty-sa/token*");
    }

    [Fact]
    public async Task RunAsync_TokenRotatedByDataSymlinkSwap_RewritesKubeconfig()
    {
        var sa = new ServiceAccountFolder(Path.Combine(_node.Root, "sa"), "token-one");
        var refresher = new KubeconfigRefresher(KubeconfigPath, sa.Path, Env, _log) { RefreshInterval = TimeSpan.FromMinutes(10) };
        using var stop = new CancellationTokenSource();
        var run = refresher.RunAsync(stop.Token);
        try
        {
            (await Poll.UntilAsync(() => TokenInKubeconfig() == "token-one")).Should().BeTrue(_log.Text);

            sa.Rotate("token-two");

            (await Poll.UntilAsync(() => TokenInKubeconfig() == "token-two")).Should().BeTrue(_log.Text);
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }
    }

    private string? TokenInKubeconfig() => File.Exists(KubeconfigPath) ? KubeconfigFile.Load(KubeconfigPath).Token : null;

    private string? Env(string name) => _env.GetValueOrDefault(name);

    private KubeconfigRefresher Refresher(ServiceAccountFolder sa) => new(KubeconfigPath, sa.Path, Env, _log);
}
