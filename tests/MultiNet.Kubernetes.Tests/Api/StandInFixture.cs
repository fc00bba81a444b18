using k8s;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Kubernetes.Tests.Api;

/// <summary>A fresh API stand-in per test, reached through a kubeconfig it wrote, exactly as the CLI and daemon reach a cluster.</summary>
public abstract class StandInFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("multinet-kube-").FullName;

    protected KubeApiStandIn Api { get; private set; } = null!;

    protected string KubeconfigPath { get; private set; } = "";

    protected IKubernetes Client { get; private set; } = null!;

    protected KubernetesApiAccess Access { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await KubeApiStandIn.StartAsync();
        KubeconfigPath = Api.WriteKubeconfig(_directory);
        Client = KubernetesApiAccess.CreateClient(KubeconfigPath);
        Access = new KubernetesApiAccess(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
