using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Serving;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Support;

/// <summary>
/// A running multinet-controller: real Kestrel over HTTPS on 127.0.0.1 with a certificate from a throw-away CA, the
/// API stand-in behind it (watched through KubernetesClient), and an HttpClient that trusts only that CA.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private ControllerHarness(KubeApiStandIn api, TestCertificateAuthority ca, string directory, WebApplication app, HttpClient http)
    {
        Api = api;
        Ca = ca;
        Directory = directory;
        App = app;
        Http = http;
    }

    public KubeApiStandIn Api { get; }

    public TestCertificateAuthority Ca { get; }

    /// <summary>Holds the kubeconfig and the serving certificate files.</summary>
    public string Directory { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string CertificateFile => Path.Combine(Directory, "tls.crt");

    public string KeyFile => Path.Combine(Directory, "tls.key");

    /// <summary>Starts a stand-in (or takes <paramref name="existingApi"/>, which the harness then owns), then the controller, and waits until it is ready.</summary>
    public static async Task<ControllerHarness> StartAsync(
        Action<KubeApiStandIn>? seed = null, Func<ControllerOptions, ControllerOptions>? configure = null, KubeApiStandIn? existingApi = null)
    {
        KubeApiStandIn api = existingApi ?? await KubeApiStandIn.StartAsync();
        seed?.Invoke(api);
        var ca = TestCertificateAuthority.Create();
        string directory = System.IO.Directory.CreateTempSubdirectory("multinet-controller-").FullName;
        WriteServingCertificate(ca, directory);
        var options = new ControllerOptions
        {
            CertificateFile = Path.Combine(directory, "tls.crt"),
            PrivateKeyFile = Path.Combine(directory, "tls.key"),
            BindAddress = "127.0.0.1",
            Port = 0,
            CertificateCheckInterval = TimeSpan.FromMilliseconds(200),
        };
        options = configure?.Invoke(options) ?? options;
        WebApplication app = ControllerApp.Build(options, KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), logging => { });
        await app.StartAsync();
        var http = new HttpClient(TrustingOnly(ca.Certificate)) { BaseAddress = ControllerApp.Address(app) };
        var harness = new ControllerHarness(api, ca, directory, app, http);
        await harness.WaitReadyAsync();
        return harness;
    }

    /// <summary>Issues a new serving certificate from the CA and writes it over the files; returns its thumbprint.</summary>
    public static string WriteServingCertificate(TestCertificateAuthority ca, string directory)
    {
        using X509Certificate2 certificate = ca.IssueServer("multinet-controller.kube-system.svc");
        File.WriteAllText(Path.Combine(directory, "tls.key"), TestCertificateAuthority.PrivateKeyPem(certificate));
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        return certificate.Thumbprint;
    }

    public static HttpClientHandler TrustingOnly(X509Certificate2 authority) => new()
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        },
    };

    public async Task<ReviewResult> ReviewAsync(JsonObject review)
    {
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Http.PostAsync("/validate", content);
        string body = await response.Content.ReadAsStringAsync();
        return new ReviewResult(response.StatusCode, JsonNode.Parse(body) as JsonObject ?? throw new InvalidOperationException($"not a JSON object: {body}"));
    }

    public Task<ReviewResult> ReviewPodAsync(JsonObject pod)
    {
        var metadata = (JsonObject)pod["metadata"]!;
        return ReviewAsync(AdmissionReviews.For("Pod", "CREATE", (string)metadata["namespace"]!, (string?)metadata["name"] ?? "", pod));
    }

    public Task<ReviewResult> ReviewNadAsync(string operation, JsonObject? nad, JsonObject? old = null)
    {
        var metadata = (JsonObject)(nad ?? old)!["metadata"]!;
        return ReviewAsync(AdmissionReviews.For("NetworkAttachmentDefinition", operation, (string)metadata["namespace"]!, (string)metadata["name"]!, nad, old));
    }

    /// <summary>Polls <paramref name="condition"/> until true (fails after 10 s).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Api.DisposeAsync();
        Ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task WaitReadyAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using HttpResponseMessage response = await Http.GetAsync("/readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the controller's caches did not sync");
            }

            await Task.Delay(20);
        }
    }
}
