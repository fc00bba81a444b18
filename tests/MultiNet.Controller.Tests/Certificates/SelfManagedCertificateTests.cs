using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Certificates;

/// <summary>No certificate files: the controller makes its CA and certificate, stores them, publishes the CA, serves it.</summary>
public class SelfManagedCertificateTests
{
    [Fact]
    public async Task NoCertificateFiles_SecretCreatedCaBundlePatchedReviewVerifiedWithThatCa()
    {
        await using var harness = await ControllerHarness.StartSelfManagedOnNewApiAsync(api => api.AddNad("app", "net-a", SeededController.Bridge));
        KubeApiStandIn api = harness.Api;

        JsonObject secret = api.GetObject("Secret", "kube-system", "multinet-controller-certs")!;
        ((string)secret["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!).Should().Be("multinet-controller");
        var data = (JsonObject)secret["data"]!;
        data.Select(p => p.Key).Should().BeEquivalentTo("ca.crt", "ca.key", "tls.crt", "tls.key");
        string caBundle = Decode(data["ca.crt"]);
        ControllerHarness.WebhookCaBundles(api).Should().HaveCount(2).And.AllBe(caBundle);

        ReviewResult review = await harness.ReviewPodAsync(AdmissionReviews.PodWithNetworks("app", "p", "net-a"));

        review.Allowed.Should().BeTrue(review.ToString());
        X509Certificate2 served = await ControllerHarness.ServedCertificateAsync(harness.Http.BaseAddress!);
        served.Thumbprint.Should().Be(X509Certificate2.CreateFromPem(Decode(data["tls.crt"])).Thumbprint);
        served.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames()
            .Should().Equal("multinet-controller.kube-system.svc", "multinet-controller.kube-system.svc.cluster.local");
    }

    [Fact]
    public async Task ClientTrustingAnotherCa_Refused()
    {
        await using var harness = await ControllerHarness.StartSelfManagedOnNewApiAsync();
        using var other = TestCertificateAuthority.Create();
        using var stranger = new HttpClient(ControllerHarness.TrustingExactly(other.CertificatePem, harness.Http.BaseAddress!.Port, null))
        {
            BaseAddress = harness.Http.BaseAddress,
        };

        Func<Task> act = () => stranger.GetAsync("/healthz");

        await act.Should().ThrowAsync<HttpRequestException>();
        (await harness.Http.GetAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task SecondStart_ReusesValidSecret()
    {
        KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        string first;
        await using (var harness = await ControllerHarness.StartSelfManagedAsync(api))
        {
            first = (await ControllerHarness.ServedCertificateAsync(harness.Http.BaseAddress!)).Thumbprint;
        }

        string version = (string)api.GetObject("Secret", "kube-system", "multinet-controller-certs")!["metadata"]!["resourceVersion"]!;
        await using (var again = await ControllerHarness.StartSelfManagedAsync(api, ownsApi: true))
        {
            (await ControllerHarness.ServedCertificateAsync(again.Http.BaseAddress!)).Thumbprint.Should().Be(first);
            ((string)api.GetObject("Secret", "kube-system", "multinet-controller-certs")!["metadata"]!["resourceVersion"]!).Should().Be(version);
            (await again.Http.GetAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue();
        }
    }

    [Fact]
    public async Task ShippedEmptySecretAndHolderlessLease_FilledByNameWithoutCreate()
    {
        KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);

        // What deploy/controller ships (certificate-secret.yaml, lease.yaml), and RBAC without create on either kind.
        api.AddObject(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = "multinet-controller-certs", ["namespace"] = "kube-system",
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "multinet-controller" },
            },
            ["type"] = "Opaque",
        });
        api.AddObject(new JsonObject
        {
            ["apiVersion"] = "coordination.k8s.io/v1",
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = "multinet-controller", ["namespace"] = "kube-system" },
            ["spec"] = new JsonObject(),
        });
        api.InjectFault(r => r.Method == "POST" && r.Resource is "secrets" or "leases" ? Fault.Status(403, $"{r.Resource} is forbidden: cannot create") : null);

        await using var harness = await ControllerHarness.StartSelfManagedAsync(api, ownsApi: true);

        var data = (JsonObject)api.GetObject("Secret", "kube-system", "multinet-controller-certs")!["data"]!;
        data.Select(p => p.Key).Should().BeEquivalentTo("ca.crt", "ca.key", "tls.crt", "tls.key");
        ControllerHarness.WebhookCaBundles(api).Should().AllBe(Decode(data["ca.crt"]));
        ((string?)api.GetObject("Lease", "kube-system", "multinet-controller")!["spec"]!["holderIdentity"]).Should().NotBeNullOrEmpty();
        (await ControllerHarness.ServedCertificateAsync(harness.Http.BaseAddress!)).Thumbprint
            .Should().Be(X509Certificate2.CreateFromPem(Decode(data["tls.crt"])).Thumbprint);
        api.Count("POST", "/secrets").Should().Be(0);
        api.Count("POST", "/leases").Should().Be(0);
    }

    internal static string Decode(JsonNode? base64) => Encoding.UTF8.GetString(Convert.FromBase64String((string)base64!));
}
