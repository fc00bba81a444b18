using FluentAssertions;
using k8s;
using MultiNet.Cni.Protocol;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Kubernetes.Tests.Api;

public sealed class KubernetesApiAccessErrorTests : StandInFixture
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetPodAsync_TransientStatus_ThrowsTryAgainLaterNamingThePod(int status)
    {
        Api.AddPod("default", "web");
        Api.FailNext(1, status, "/pods/web");

        var act = () => Access.GetPodAsync("default", "web", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.Message.Should().StartWith($"get pod \"default/web\": kubernetes api answered {status}");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(422)]
    public async Task GetAsync_RefusedStatus_ThrowsKubernetesApiNamingTheNetwork(int status)
    {
        Api.AddNad("default", "br", "{}");
        Api.FailNext(1, status, "/network-attachment-definitions/br");

        var act = () => Access.GetAsync("default", "br", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.KubernetesApi);
        error.Message.Should().StartWith($"get network \"default/br\": kubernetes api answered {status}");
    }

    [Fact]
    public async Task GetPodAsync_Forbidden_CarriesTheApiServersExplanation()
    {
        Api.InjectFault(r => r.Path.EndsWith("/pods/web", StringComparison.Ordinal)
            ? Fault.Status(403, "pods \"web\" is forbidden: User \"system:serviceaccount:kube-system:multinet\" cannot get resource \"pods\"")
            : null);

        var act = () => Access.GetPodAsync("default", "web", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.KubernetesApi);
        error.Message.Should().Contain("403").And.Contain("cannot get resource \"pods\"");
        error.Details.Should().Contain("\"kind\":\"Status\"");
    }

    [Fact]
    public async Task GetPodAsync_ConnectionDropped_ThrowsTryAgainLater()
    {
        Api.InjectFault(_ => Fault.Drop());

        var act = () => Access.GetPodAsync("default", "web", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.TryAgainLater);
    }

    [Fact]
    public async Task GetAsync_ApiServerStopped_ThrowsTryAgainLater()
    {
        await Api.StopAsync();

        var act = () => Access.GetAsync("default", "br", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.Message.Should().StartWith("get network \"default/br\": cannot reach the kubernetes api");
    }

    [Fact]
    public async Task GetPodAsync_SlowerThanClientTimeout_ThrowsTryAgainLater()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        configuration.HttpClientTimeout = TimeSpan.FromMilliseconds(300);
        using var client = new k8s.Kubernetes(configuration);
        Api.InjectFault(_ => Fault.Slow(TimeSpan.FromSeconds(3)));

        var act = () => new KubernetesApiAccess(client).GetPodAsync("default", "web", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.Message.Should().Contain("did not answer in time");
    }

    [Fact]
    public async Task GetPodAsync_CallerCancels_ThrowsOperationCanceled()
    {
        Api.InjectFault(_ => Fault.Slow(TimeSpan.FromSeconds(3)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => Access.GetPodAsync("default", "web", cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
