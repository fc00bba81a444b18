using FluentAssertions;
using MultiNet.Daemon.Install;
using MultiNet.Daemon.Tests.CniConfig;
using MultiNet.KubeApi;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Daemon.Tests.Install;

/// <summary>The stand-in serves no DaemonSets, so each answer for <c>.../daemonsets/multinet</c> is injected.</summary>
public sealed class DaemonSetUninstallProbeTests : IAsyncLifetime
{
    private readonly NodeFolders _node = new();
    private readonly LogCapture _log = new();
    private KubeApiStandIn _api = null!;

    public async Task InitializeAsync() => _api = await KubeApiStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _node.Dispose();
    }

    [Theory]
    [InlineData(200, """{"kind": "DaemonSet", "metadata": {"name": "multinet", "namespace": "kube-system"}}""", false)]
    [InlineData(200, """{"kind": "DaemonSet", "metadata": {"name": "multinet", "deletionTimestamp": "2026-11-26T00:00:00Z"}}""", true)]
    [InlineData(404, """{"kind": "Status", "code": 404, "reason": "NotFound", "message": "daemonsets.apps \"multinet\" not found"}""", true)]
    [InlineData(401, """{"kind": "Status", "code": 401, "reason": "Unauthorized"}""", true)]
    [InlineData(403, """{"kind": "Status", "code": 403, "reason": "Forbidden"}""", true)]
    public async Task IsUninstallingAsync_DaemonSetAnswer_DecidesAndLogsWhy(int status, string body, bool uninstalling)
    {
        _api.InjectFault(r => r.Path.EndsWith("/apis/apps/v1/namespaces/kube-system/daemonsets/multinet", StringComparison.Ordinal)
            ? Fault.Raw(status, body)
            : null);

        (await Probe().IsUninstallingAsync(CancellationToken.None)).Should().Be(uninstalling);

        _log.Text.Should().Contain("kube-system/multinet").And.Contain(uninstalling ? "uninstall" : "restart");
        _api.Count("GET", "/daemonsets/multinet").Should().Be(1);
    }

    [Fact]
    public async Task IsUninstallingAsync_ApiUnreachable_IsARestart()
    {
        var probe = Probe();
        await _api.StopAsync();

        (await probe.IsUninstallingAsync(CancellationToken.None)).Should().BeFalse();

        _log.Text.Should().Contain("no answer from the API");
    }

    [Fact]
    public void FromEnvironment_VariablesMissing_IsNull()
    {
        var endpoint = KubeconfigFile.Load(_api.WriteKubeconfig(_node.Root));

        DaemonSetUninstallProbe.FromEnvironment(endpoint, _ => null).Should().BeNull();
        DaemonSetUninstallProbe.FromEnvironment(endpoint, n => n == DaemonSetUninstallProbe.NameVariable ? "multinet" : null).Should().BeNull();
        DaemonSetUninstallProbe.FromEnvironment(endpoint, n => n switch
        {
            DaemonSetUninstallProbe.NameVariable => "multinet",
            DaemonSetUninstallProbe.NamespaceVariable => "kube-system",
            _ => null,
        }).Should().NotBeNull();
    }

    private DaemonSetUninstallProbe Probe() =>
        new(KubeconfigFile.Load(_api.WriteKubeconfig(_node.Root)), "kube-system", "multinet", _log);
}
