using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Serving;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Support;

/// <summary>
/// A running multinet-controller: real Kestrel over HTTPS on 127.0.0.1 with a certificate from a throw-away CA (or,
/// self-managed, its own CA from the Secret it wrote), the API stand-in behind it (watched through KubernetesClient),
/// and an HttpClient that trusts only that CA.
/// </summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    /// <summary>The Service name the self-managed certificate is made for (deploy/controller's defaults).</summary>
    public const string ServiceHost = "multinet-controller.kube-system.svc";

    private readonly bool _ownsApi;

    private ControllerHarness(KubeApiStandIn api, bool ownsApi, TestCertificateAuthority? ca, string directory, WebApplication app, HttpClient http)
    {
        Api = api;
        _ownsApi = ownsApi;
        Ca = ca!;
        Directory = directory;
        App = app;
        Http = http;
    }

    public KubeApiStandIn Api { get; }

    /// <summary>The CA of the certificate files (file mode only).</summary>
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
        var harness = new ControllerHarness(api, true, ca, directory, app, http);
        await harness.WaitReadyAsync();
        return harness;
    }

    /// <summary>
    /// Starts a controller without certificate files against <paramref name="api"/> (which must hold the webhook
    /// configuration, see <see cref="AddWebhookConfiguration"/>), waits until it is ready, and gives it an HttpClient that
    /// trusts exactly the caBundle then in the webhook configuration and checks the Service name, as the API server does.
    /// </summary>
    public static async Task<ControllerHarness> StartSelfManagedAsync(
        KubeApiStandIn api, bool ownsApi = false, Func<ControllerOptions, ControllerOptions>? configure = null, TimeProvider? time = null,
        Func<Task>? whileWaiting = null)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("multinet-controller-").FullName;
        var options = new ControllerOptions { BindAddress = "127.0.0.1", Port = 0, CertificateCheckInterval = TimeSpan.FromSeconds(10) };
        options = configure?.Invoke(options) ?? options;
        WebApplication app = ControllerApp.Build(options, KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), logging => { }, time);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        int port = ControllerApp.Address(app).Port;
        using (var probe = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            // The kubelet's probes do not check the certificate either.
            probe.BaseAddress = ControllerApp.Address(app);
            await WaitUntilAsync(async () =>
            {
                if (whileWaiting is not null)
                {
                    await whileWaiting();
                }

                try
                {
                    using HttpResponseMessage ready = await probe.GetAsync("/readyz");
                    return ready.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // no certificate to serve yet
                }
            }, "the self-managed controller to be ready");
        }

        var http = new HttpClient(TrustingExactly(WebhookCaBundle(api), port, null)) { BaseAddress = new Uri($"https://{ServiceHost}:{port}") };
        return new ControllerHarness(api, ownsApi, null, directory, app, http);
    }

    /// <summary>A new stand-in (owned by the harness) with the webhook configuration and <paramref name="seed"/>, and a self-managed controller on it.</summary>
    public static async Task<ControllerHarness> StartSelfManagedOnNewApiAsync(
        Action<KubeApiStandIn>? seed = null, Func<ControllerOptions, ControllerOptions>? configure = null, TimeProvider? time = null)
    {
        KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        AddWebhookConfiguration(api);
        seed?.Invoke(api);
        return await StartSelfManagedAsync(api, ownsApi: true, configure, time);
    }

    /// <summary>Adds deploy/controller's ValidatingWebhookConfiguration (two webhooks, no caBundle) to the stand-in.</summary>
    public static void AddWebhookConfiguration(KubeApiStandIn api, string name = "multinet-controller")
    {
        JsonObject Hook(string hook, string path) => new()
        {
            ["name"] = hook,
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["sideEffects"] = "None",
            ["clientConfig"] = new JsonObject
            {
                ["service"] = new JsonObject { ["name"] = "multinet-controller", ["namespace"] = "kube-system", ["path"] = path, ["port"] = 443 },
            },
        };
        api.AddObject(new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "ValidatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["webhooks"] = new JsonArray(
                Hook("networkattachmentdefinitions.multinet.io", "/validate/networkattachmentdefinitions"), Hook("pods.multinet.io", "/validate/pods")),
        });
    }

    /// <summary>The caBundle (PEM) of every webhook of the stand-in's webhook configuration.</summary>
    public static IReadOnlyList<string> WebhookCaBundles(KubeApiStandIn api, string name = "multinet-controller") =>
        [.. ((JsonArray)api.GetObject("ValidatingWebhookConfiguration", null, name)!["webhooks"]!)
            .Select(h => (string?)h!["clientConfig"]!["caBundle"] is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : "")];

    /// <summary>The one caBundle all webhooks share (fails when they differ).</summary>
    public static string WebhookCaBundle(KubeApiStandIn api)
    {
        IReadOnlyList<string> bundles = WebhookCaBundles(api);
        bundles.Distinct().Should().ContainSingle("every webhook carries the same caBundle");
        return bundles[0];
    }

    /// <summary>
    /// A handler that connects to 127.0.0.1:<paramref name="port"/> for any host, checks the name in the URL against the
    /// certificate, and trusts exactly the CAs in <paramref name="caBundlePem"/> (at <paramref name="at"/>, default now).
    /// </summary>
    public static SocketsHttpHandler TrustingExactly(string caBundlePem, int port, DateTimeOffset? at) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => Verify(certificate, errors, caBundlePem, at) },
    };

    /// <summary>The certificate the controller serves now (no validation).</summary>
    public static async Task<X509Certificate2> ServedCertificateAsync(Uri address)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = ServiceHost });
        return tls.RemoteCertificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
    }

    private static bool Verify(X509Certificate? certificate, SslPolicyErrors errors, string caBundlePem, DateTimeOffset? at)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(caBundlePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (at is { } time)
        {
            chain.ChainPolicy.VerificationTime = time.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
        }

        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
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

    /// <summary>
    /// Moves the fake clock by <paramref name="first"/>, then by <paramref name="step"/> at a time, until
    /// <paramref name="condition"/> holds. A loop that was busy when the clock moved arms its next timer after the
    /// move, so one move is not always enough; the steps are small next to the lease and validity periods under test.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, TimeSpan first, TimeSpan step, Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(time);
        time.Advance(first);
        if (await PollAsync(condition, TimeSpan.FromSeconds(3)))
        {
            return;
        }

        for (int i = 0; i < 60; i++)
        {
            time.Advance(step);
            if (await PollAsync(condition, TimeSpan.FromMilliseconds(300)))
            {
                return;
            }
        }

        throw new TimeoutException($"timed out waiting for {what}");
    }

    /// <summary>Polls <paramref name="condition"/> until true (fails after 10 s).</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Polls <paramref name="condition"/> until true (fails after 20 s).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan window)
    {
        DateTime deadline = DateTime.UtcNow + window;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsApi)
        {
            await Api.DisposeAsync();
        }

        Ca?.Dispose();
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
