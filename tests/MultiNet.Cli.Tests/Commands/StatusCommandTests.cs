using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Cli.Tests.Commands;

/// <summary><c>multinetctl status</c> through the published binary against the API stand-in, reached through a kubeconfig.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private const string StatusKey = "k8s.v1.cni.cncf.io/network-status";

    private const string TwoNetworks = """
        [{"name": "cluster", "interface": "eth0", "ips": ["198.19.8.4"], "mac": "0a:58:c6:13:08:04", "default": true, "dns": {}},
         {"name": "default/sriov-a", "interface": "net1", "ips": ["198.19.9.7", "fd00::7"], "mac": "02:00:00:00:09:07",
          "device-info": {"type": "pci", "version": "1.1.0", "pci": {"pci-address": "0000:03:00.1"}}}]
        """;

    private readonly ScratchDirectory _dir = new();
    private KubeApiStandIn _api = null!;
    private string _kubeconfig = "";

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _kubeconfig = _api.WriteKubeconfig(_dir.Path);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public void Status_PodWithNetworkStatus_PrintsOneRowPerAttachment()
    {
        _api.AddPod("apps", "web", new Dictionary<string, string> { [StatusKey] = TwoNetworks });

        var run = Multinetctl.Run("status", "web", "-n", "apps", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Be(string.Join('\n',
            "NETWORK          INTERFACE  IPS                 MAC                DEFAULT  DEVICE-INFO",
            "cluster          eth0       198.19.8.4          0a:58:c6:13:08:04  yes      -",
            "default/sriov-a  net1       198.19.9.7,fd00::7  02:00:00:00:09:07  no       pci 0000:03:00.1",
            ""));
    }

    [Fact]
    public void Status_JsonOutput_IsTheAnnotationsEntries()
    {
        _api.AddPod("default", "web", new Dictionary<string, string> { [StatusKey] = TwoNetworks });

        var run = Multinetctl.Run("status", "default/web", "-o", "json", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(0, run.ToString());
        JsonNode.DeepEquals(JsonNode.Parse(run.Stdout), JsonNode.Parse(TwoNetworks)).Should().BeTrue(run.Stdout);
    }

    [Fact]
    public void Status_NamespaceFromTheKubeconfigContext_IsTheDefault()
    {
        _api.AddPod("default", "ctx", new Dictionary<string, string> { [StatusKey] = TwoNetworks });

        var run = Multinetctl.Run("status", "ctx", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(0, run.ToString());
        _api.Requests.Should().Contain(r => r.Path == "/api/v1/namespaces/default/pods/ctx");
    }

    [Fact]
    public void Status_PodNotFound_Exits1NamingIt()
    {
        var run = Multinetctl.Run("status", "ghost", "-n", "apps", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().Contain("pod \"apps/ghost\" not found");
    }

    [Fact]
    public void Status_PodWithoutStatusYet_Exits1SayingWhy()
    {
        _api.AddPod("apps", "pending");

        var run = Multinetctl.Run("status", "apps/pending", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain("pod \"apps/pending\" has no k8s.v1.cni.cncf.io/network-status annotation yet");
    }

    [Fact]
    public void Status_AnnotationNotJson_Exits1NamingTheAnnotation()
    {
        _api.AddPod("apps", "garbled", new Dictionary<string, string> { [StatusKey] = "[{oops" });

        var run = Multinetctl.Run("status", "apps/garbled", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain($"annotation {StatusKey} is not readable");
    }

    [Fact]
    public void Status_ApiRefuses_Exits3WithTheApisMessage()
    {
        _api.FailNext(1, 403, pathContains: "/pods/web");

        var run = Multinetctl.Run("status", "web", "--kubeconfig", _kubeconfig);

        run.ExitCode.Should().Be(3, run.ToString());
        run.Stderr.Should().Contain("get pod \"default/web\"").And.Contain("403");
    }

    [Fact]
    public async Task Status_ApiUnreachable_Exits3SayingSo()
    {
        await _api.StopAsync();

        var run = Multinetctl.Run("status", "web", "--kubeconfig", _kubeconfig, "--timeout", "5");

        run.ExitCode.Should().Be(3, run.ToString());
        run.Stderr.Should().Contain("cannot reach the kubernetes api");
    }

    [Fact]
    public void Status_ApiTooSlow_Exits3AfterTheTimeout()
    {
        _api.InjectFault(r => r.Path.Contains("/pods/slow", StringComparison.Ordinal) ? Fault.Slow(TimeSpan.FromSeconds(10)) : null);

        var run = Multinetctl.Run("status", "slow", "--kubeconfig", _kubeconfig, "--timeout", "1");

        run.ExitCode.Should().Be(3, run.ToString());
        run.Stderr.Should().Contain("did not answer within 1 s");
    }

    [Theory]
    [InlineData("missing", "no such file")]
    [InlineData("garbage", "kubeconfig")]
    public void Status_BadKubeconfig_Exits2NamingTheFile(string kind, string message)
    {
        var path = Path.Join(_dir.Path, kind);
        if (kind == "garbage")
        {
            File.WriteAllText(path, "clusters: [ this is : not a kubeconfig");
        }

        var run = Multinetctl.Run("status", "web", "--kubeconfig", path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain($"kubeconfig \"{path}\"").And.Contain(message).And.NotContain("   at ");
    }

    [Theory]
    [InlineData(new[] { "status" }, "give the pod's name")]
    [InlineData(new[] { "status", "a", "b" }, "give one pod")]
    [InlineData(new[] { "status", "a", "--timeout", "soon" }, "--timeout \"soon\"")]
    public void Status_BadCommandLine_Exits2(string[] args, string message)
    {
        var run = Multinetctl.Run(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain(message).And.Contain("multinetctl status [NAMESPACE/]POD");
    }
}
