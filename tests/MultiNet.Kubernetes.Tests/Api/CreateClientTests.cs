using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Api;

namespace MultiNet.Kubernetes.Tests.Api;

public sealed class CreateClientTests : StandInFixture
{
    [Fact]
    public void CreateClient_StandInKubeconfig_PointsAtTheStandIn()
    {
        using var client = KubernetesApiAccess.CreateClient(KubeconfigPath);

        client.BaseUri.GetLeftPart(UriPartial.Authority).Should().Be(Api.BaseAddress.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task CreateClient_StandInKubeconfig_SendsItsBearerToken()
    {
        Api.AddPod("default", "web");

        (await Access.GetPodAsync("default", "web", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public void CreateClient_MissingKubeconfig_ThrowsInvalidConfigNamingThePath()
    {
        var act = () => KubernetesApiAccess.CreateClient("/nonexistent/kubeconfig");

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InvalidConfig);
        error.Message.Should().Be("kubeconfig \"/nonexistent/kubeconfig\": no such file");
    }

    [Fact]
    public void CreateClient_MalformedKubeconfig_ThrowsInvalidConfig()
    {
        var path = Path.Join(Path.GetDirectoryName(KubeconfigPath), "broken");
        File.WriteAllText(path, "apiVersion: v1\nkind: Config\nclusters: [\n");

        var act = () => KubernetesApiAccess.CreateClient(path);

        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.InvalidConfig);
    }
}
