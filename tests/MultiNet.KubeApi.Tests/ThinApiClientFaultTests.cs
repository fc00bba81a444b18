using System.Diagnostics;
using FluentAssertions;
using MultiNet.Attachments.Cluster;
using MultiNet.Cni.Protocol;
using MultiNet.KubeApi;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class ThinApiClientFaultTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("thin-api-faults-");
    private KubeApiStandIn _api = null!;
    private ApiEndpoint _endpoint = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _api.AddPod("default", "a", uid: "u1");
        _endpoint = KubeconfigFile.Load(_api.WriteKubeconfig(_dir.FullName));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task GetPodAsync_500Twice_SucceedsOnThirdAttempt()
    {
        _api.FailNext(2, 500, "/pods/a");
        using var client = new ThinApiClient(_endpoint);

        var pod = await client.GetPodAsync("default", "a", CancellationToken.None);

        pod!.Uid.Should().Be("u1");
        _api.Requests.Select(r => r.StatusCode).Should().Equal(500, 500, 200);
    }

    [Fact]
    public async Task GetPodAsync_500Forever_IsTryAgainLaterAfterTheBudget()
    {
        _api.InjectFault(_ => Fault.Status(500, "etcdserver: request timed out"));
        using var client = new ThinApiClient(_endpoint);
        var clock = Stopwatch.StartNew();

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Be("kubernetes api: GET pods \"default/a\": 500 InternalError: etcdserver: request timed out after 3 attempts");
        error.Details.Should().Contain("attempt 1: 500").And.Contain("attempt 3: 500");
        _api.Count("GET", "/pods/a").Should().Be(3);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "the backoff waits 100 then 200 ms");
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task GetAsync_OtherTransientCodes_AreRetried(int code)
    {
        _api.AddNad("default", "n", "{}");
        _api.FailNext(1, code);
        using var client = new ThinApiClient(_endpoint, Fast());

        var nad = await client.GetAsync("default", "n", CancellationToken.None);

        nad.Should().NotBeNull();
        _api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetPodAsync_429WithRetryAfter_WaitsAtMostMaxRetryAfter()
    {
        _api.InjectFault(_ => Fault.Status(429, retryAfterSeconds: 30));
        using var client = new ThinApiClient(_endpoint, new ThinApiClientOptions { MaxAttempts = 2, MaxRetryAfter = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.TryAgainLater);
        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)).And.BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(403, "pods \"a\" is forbidden: User \"system:node:n1\" cannot get resource \"pods\"")]
    [InlineData(400, "bad request")]
    [InlineData(401, "Unauthorized")]
    public async Task GetPodAsync_NonTransientError_IsKubernetesApiAtOnce(int code, string message)
    {
        _api.InjectFault(_ => Fault.Status(code, message));
        using var client = new ThinApiClient(_endpoint);

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.KubernetesApi);
        error.Message.Should().StartWith($"kubernetes api: GET pods \"default/a\": {code} ").And.Contain(message);
        _api.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task GetPodAsync_WrongToken_SaysWhereTheCredentialsCameFrom()
    {
        using var client = new ThinApiClient(_endpoint with { Token = "wrong" });

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message
            .Should().Be($"kubernetes api: GET pods \"default/a\": 401 Unauthorized: Unauthorized (credentials from {_endpoint.Source})");
    }

    [Fact]
    public async Task GetPodAsync_InvalidJsonAnswer_IsKubernetesApi()
    {
        _api.InjectFault(_ => Fault.Raw(200, "{\"metadata\": [not json"));
        using var client = new ThinApiClient(_endpoint);

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.KubernetesApi);
        error.Message.Should().StartWith("kubernetes api: GET pods \"default/a\": the answer is not the expected JSON");
    }

    [Fact]
    public async Task GetPodAsync_NonStatusErrorBody_StillNamesTheCode()
    {
        _api.InjectFault(_ => Fault.Raw(403, "<html>forbidden</html>"));
        using var client = new ThinApiClient(_endpoint);

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message.Should().StartWith("kubernetes api: GET pods \"default/a\": 403");
    }

    [Fact]
    public async Task GetPodAsync_ServerStopped_IsTryAgainLaterConnectionRefused()
    {
        await _api.StopAsync();
        using var client = new ThinApiClient(_endpoint, Fast());

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.Message.Should().Be("kubernetes api: GET pods \"default/a\": connection refused after 3 attempts");
    }

    [Fact]
    public async Task GetPodAsync_ServerBackWithinBudget_Succeeds()
    {
        await _api.StopAsync();
        using var client = new ThinApiClient(_endpoint, new ThinApiClientOptions { MaxAttempts = 10, InitialBackoff = TimeSpan.FromMilliseconds(50) });

        var lookup = client.GetPodAsync("default", "a", CancellationToken.None);
        await Task.Delay(100);
        await _api.RestartAsync();

        (await lookup)!.Uid.Should().Be("u1");
    }

    [Fact]
    public async Task GetPodAsync_SlowerThanRequestTimeout_IsTryAgainLater()
    {
        _api.InjectFault(_ => Fault.Slow(TimeSpan.FromSeconds(3)));
        using var client = new ThinApiClient(_endpoint, Fast() with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 });

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.TryAgainLater);
        error.Message.Should().Be("kubernetes api: GET pods \"default/a\": no answer within 200 ms after 2 attempts");
    }

    [Fact]
    public async Task GetPodAsync_ConnectionDroppedOnce_IsRetried()
    {
        var dropped = 0;
        _api.InjectFault(_ => Interlocked.Increment(ref dropped) == 1 ? Fault.Drop() : null);
        using var client = new ThinApiClient(_endpoint, Fast());

        var pod = await client.GetPodAsync("default", "a", CancellationToken.None);

        pod.Should().NotBeNull();
        _api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetPodAsync_CallerCancels_ThrowsOperationCanceled()
    {
        _api.InjectFault(_ => Fault.Slow(TimeSpan.FromSeconds(5)));
        using var client = new ThinApiClient(_endpoint);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => client.GetPodAsync("default", "a", cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WriteNetworkStatusAsync_500Forever_IsTryAgainLater()
    {
        _api.InjectFault(r => r.Method == "PATCH" ? Fault.Status(503) : null);
        using var client = new ThinApiClient(_endpoint, Fast());

        var act = () => client.WriteNetworkStatusAsync(new PodInfo { Namespace = "default", Name = "a", Uid = "u1" }, "[]", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message
            .Should().StartWith("kubernetes api: PATCH pods/status \"default/a\": 503 ServiceUnavailable");
        _api.Count("PATCH", "/pods/a/status").Should().Be(3);
    }

    [Fact]
    public async Task GetPodAsync_TokenFileRewritten_UsesTheNewToken()
    {
        var tokenFile = Path.Combine(_dir.FullName, "token");
        await File.WriteAllTextAsync(tokenFile, "stale");
        using var client = new ThinApiClient(_endpoint with { Token = null, TokenFile = tokenFile });
        var refused = () => client.GetPodAsync("default", "a", CancellationToken.None);
        (await refused.Should().ThrowAsync<CniException>()).Which.Message.Should().Contain("401");

        await File.WriteAllTextAsync(tokenFile, _api.Token + "\n");
        File.SetLastWriteTimeUtc(tokenFile, DateTime.UtcNow.AddSeconds(5));
        var pod = await client.GetPodAsync("default", "a", CancellationToken.None);

        pod!.Uid.Should().Be("u1");
    }

    private static ThinApiClientOptions Fast() => new() { InitialBackoff = TimeSpan.FromMilliseconds(5) };
}
