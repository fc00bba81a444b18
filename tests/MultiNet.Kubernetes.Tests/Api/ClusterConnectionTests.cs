using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Kubernetes.Tests.Api;

public sealed class ClusterConnectionTests : StandInFixture
{
    [Fact]
    public async Task Open_StandInKubeconfig_KnowsTheContextNamespaceAndReachesTheApi()
    {
        Api.AddPod("default", "web");
        using var connection = ClusterConnection.Open(KubeconfigPath, TimeSpan.FromSeconds(5));

        var pod = await new KubernetesApiAccess(connection.Client).GetPodAsync("default", "web", CancellationToken.None);

        connection.ContextNamespace.Should().Be("default");
        pod!.Name.Should().Be("web");
    }

    [Fact]
    public void Open_MissingKubeconfig_ThrowsInvalidConfigNamingIt()
    {
        var act = () => ClusterConnection.Open("/nonexistent/kubeconfig", TimeSpan.FromSeconds(5));

        act.Should().Throw<CniException>().Where(e => e.Code == CniErrorCode.InvalidConfig && e.Message.Contains("/nonexistent/kubeconfig"));
    }
}
