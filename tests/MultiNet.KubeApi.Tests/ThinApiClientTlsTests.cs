using System.Text;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.KubeApi;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class ThinApiClientTlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create("cluster-ca");
    private KubeApiStandIn _api = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiStandIn.StartAsync(new KubeApiStandInOptions
        {
            ServerCertificate = _ca.IssueServer("kubernetes.default.svc"),
            ClientCertificateAuthority = _ca.Certificate,
        });
        _api.AddPod("default", "a", uid: "u1");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task GetPodAsync_ServerSignedByConfiguredCa_Succeeds()
    {
        using var client = new ThinApiClient(Endpoint() with { Token = _api.Token });

        var pod = await client.GetPodAsync("default", "a", CancellationToken.None);

        _api.BaseAddress.Scheme.Should().Be("https");
        pod!.Uid.Should().Be("u1");
    }

    [Fact]
    public async Task GetPodAsync_ClientCertificateWithoutToken_IsAuthenticated()
    {
        using var cert = _ca.IssueClient("system:multinet:node1", "system:multinet");
        var endpoint = Endpoint() with
        {
            ClientCertificatePem = Encoding.ASCII.GetBytes(cert.ExportCertificatePem()),
            ClientKeyPem = Encoding.ASCII.GetBytes(TestCertificateAuthority.PrivateKeyPem(cert)),
        };
        using var client = new ThinApiClient(endpoint);

        var pod = await client.GetPodAsync("default", "a", CancellationToken.None);

        pod!.Uid.Should().Be("u1");
    }

    [Fact]
    public async Task GetPodAsync_NeitherTokenNorClientCertificate_Is401()
    {
        using var client = new ThinApiClient(Endpoint());

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Code.Should().Be(CniErrorCode.KubernetesApi);
    }

    [Fact]
    public async Task GetPodAsync_ServerSignedByAnotherCa_FailsAtOnceNamingTheCause()
    {
        using var other = TestCertificateAuthority.Create("other-ca");
        using var client = new ThinApiClient(Endpoint() with { Token = _api.Token, CaCertificatePem = Encoding.ASCII.GetBytes(other.CertificatePem) });

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        var error = (await act.Should().ThrowAsync<CniException>()).Which;
        error.Code.Should().Be(CniErrorCode.KubernetesApi);
        error.Message.Should().Contain("tls handshake").And.Contain("does not chain to the configured certificate-authority");
        _api.Requests.Should().BeEmpty("the handshake failed before any request");
    }

    [Fact]
    public async Task GetPodAsync_InsecureSkipTlsVerify_AcceptsAnyServerCertificate()
    {
        using var client = new ThinApiClient(Endpoint() with { Token = _api.Token, CaCertificatePem = null, InsecureSkipTlsVerify = true });

        (await client.GetPodAsync("default", "a", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task GetPodAsync_TlsServerNameInCertificate_Succeeds()
    {
        using var client = new ThinApiClient(Endpoint() with { Token = _api.Token, TlsServerName = "kubernetes.default.svc" });

        (await client.GetPodAsync("default", "a", CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task GetPodAsync_NameNotInCertificate_Fails()
    {
        using var client = new ThinApiClient(Endpoint() with { Token = _api.Token, TlsServerName = "api.example.com" });

        var act = () => client.GetPodAsync("default", "a", CancellationToken.None);

        (await act.Should().ThrowAsync<CniException>()).Which.Message.Should().Contain("does not name the host");
    }

    [Fact]
    public void Constructor_GarbageCaPem_IsInvalidConfig()
    {
        var act = () => new ThinApiClient(Endpoint() with { CaCertificatePem = "not a pem"u8.ToArray() });

        act.Should().Throw<CniException>().Where(e => e.Code == CniErrorCode.InvalidConfig)
            .Which.Message.Should().Contain("certificate-authority holds no PEM certificate");
    }

    [Fact]
    public void Constructor_KeyNotMatchingCertificate_IsInvalidConfig()
    {
        using var one = _ca.IssueClient("one");
        using var two = _ca.IssueClient("two");
        var endpoint = Endpoint() with
        {
            ClientCertificatePem = Encoding.ASCII.GetBytes(one.ExportCertificatePem()),
            ClientKeyPem = Encoding.ASCII.GetBytes(TestCertificateAuthority.PrivateKeyPem(two)),
        };

        var act = () => new ThinApiClient(endpoint);

        act.Should().Throw<CniException>().Where(e => e.Code == CniErrorCode.InvalidConfig);
    }

    private ApiEndpoint Endpoint() => new()
    {
        Server = _api.BaseAddress,
        CaCertificatePem = Encoding.ASCII.GetBytes(_ca.CertificatePem),
        Source = "test endpoint",
    };
}
