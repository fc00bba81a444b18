using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class KubeApiStandInFaultTests : IAsyncLifetime
{
    private KubeApiStandIn _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync();
        _api.AddPod("default", "a");
        _http = new HttpClient { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _api.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task FailNext_Twice500_ThenAnswersNormally()
    {
        _api.FailNext(2, 500, "/pods/a");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await _http.GetAsync("/api/v1/namespaces/default/pods/a")).StatusCode);
        }

        codes.Should().Equal(HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK);
        _api.Requests.Select(r => r.StatusCode).Should().Equal(500, 500, 200);
    }

    [Fact]
    public async Task FailNext_OtherPath_IsNotAffected()
    {
        _api.FailNext(1, 500, "/network-attachment-definitions");

        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InjectFault_429_SendsRetryAfterAndStatusBody()
    {
        _api.InjectFault(r => r.Verb == "get" ? Fault.Status(429, "slow down", retryAfterSeconds: 3) : null);

        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("\"reason\":\"TooManyRequests\"").And.Contain("slow down");
    }

    [Fact]
    public async Task InjectFault_Raw_SendsTheBodyAsItIs()
    {
        _api.InjectFault(_ => Fault.Raw(502, "<html>bad gateway</html>"));

        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).Should().Be("<html>bad gateway</html>");
    }

    [Fact]
    public async Task InjectFault_SeesParsedRequest()
    {
        StandInRequest? seen = null;
        _api.InjectFault(r =>
        {
            seen = r;
            return null;
        });

        await _http.GetAsync("/api/v1/namespaces/default/pods/a/status?x=1");

        seen.Should().BeEquivalentTo(new StandInRequest
        {
            Method = "GET",
            Path = "/api/v1/namespaces/default/pods/a/status",
            Query = "?x=1",
            Verb = "get",
            Resource = "pods",
            Subresource = "status",
            Namespace = "default",
            Name = "a",
        });
    }

    [Fact]
    public async Task InjectFault_Drop_AbortsTheConnection()
    {
        _api.InjectFault(_ => Fault.Drop());

        var act = () => _http.GetAsync("/api/v1/namespaces/default/pods/a");

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task InjectFault_Slow_DelaysTheAnswer()
    {
        _api.InjectFault(_ => Fault.Slow(TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();

        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public async Task ClearFaults_RemovesRules()
    {
        _api.InjectFault(_ => Fault.Status(503));
        _api.ClearFaults();

        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StopAndRestart_RefusesThenServesSamePortAndObjects()
    {
        var port = _api.BaseAddress.Port;

        await _api.StopAsync();
        var whileStopped = () => _http.GetAsync("/api/v1/namespaces/default/pods/a");
        var refused = await whileStopped.Should().ThrowAsync<HttpRequestException>();
        await _api.RestartAsync();
        var response = await _http.GetAsync("/api/v1/namespaces/default/pods/a");

        refused.Which.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
        _api.IsRunning.Should().BeTrue();
        _api.BaseAddress.Port.Should().Be(port);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
