using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class KubeApiStandInTlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private KubeApiStandIn _api = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions
        {
            ServerCertificate = _ca.IssueServer(),
            ClientCertificateAuthority = _ca.Certificate,
        });
        _api.AddPod("default", "a");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task Get_OverHttpsWithToken_Answers()
    {
        using var http = Client(clientCertificate: null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _api.Token);

        var response = await http.GetAsync("/api/v1/namespaces/default/pods/a");

        _api.BaseAddress.Scheme.Should().Be("https");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_WithClientCertificateFromTheCa_NeedsNoToken()
    {
        using var certificate = _ca.IssueClient("node1");
        using var http = Client(certificate);

        var response = await http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_WithoutTokenOrCertificate_Is401()
    {
        using var http = Client(clientCertificate: null);

        var response = await http.GetAsync("/api/v1/namespaces/default/pods/a");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private HttpClient Client(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_ca.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 server && chain.Build(server);
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler) { BaseAddress = _api.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }
}
