using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Certificates;

/// <summary>Renewal driven by a fake clock: no test waits for a certificate to age, and none asserts a duration.</summary>
public class CertificateRenewalTests
{
    [Fact]
    public async Task ServingCertificateWithAThirdLeft_RenewedBySameCa_ClientsWithTheOldBundleKeepWorking()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ControllerHarness.StartSelfManagedOnNewApiAsync(configure: Validity(days: 9, caDays: 90), time: time);
        (KubeApiStandIn api, Uri address) = (harness.Api, harness.Http.BaseAddress!);
        X509Certificate2 first = await ControllerHarness.ServedCertificateAsync(address);
        string bundle = ControllerHarness.WebhookCaBundle(api);

        await ControllerHarness.AdvanceUntilAsync(time, TimeSpan.FromDays(7), TimeSpan.FromMinutes(1),
            async () => (await ControllerHarness.ServedCertificateAsync(address)).Thumbprint != first.Thumbprint, "the renewed certificate to be served");

        X509Certificate2 renewed = await ControllerHarness.ServedCertificateAsync(address);
        renewed.Issuer.Should().Be(first.Issuer);
        renewed.NotAfter.Should().BeAfter(first.NotAfter);
        ControllerHarness.WebhookCaBundle(api).Should().Be(bundle, "renewing the serving certificate keeps the CA");
        (await ReviewAsync(bundle, address, time.GetUtcNow())).Should().BeTrue("a client holding the bundle from before trusts the renewed certificate");
    }

    [Fact]
    public async Task CaWithAThirdLeft_NewCaPublishedBesideOldBeforeItSigns_OldCaDroppedWhenExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await ControllerHarness.StartSelfManagedOnNewApiAsync(configure: Validity(days: 12, caDays: 12), time: time);
        (KubeApiStandIn api, Uri address) = (harness.Api, harness.Http.BaseAddress!);
        X509Certificate2 first = await ControllerHarness.ServedCertificateAsync(address);
        string oldBundle = ControllerHarness.WebhookCaBundle(api);

        // The CA has less than a third left: a new CA joins the bundle, the served certificate stays what it was.
        await ControllerHarness.AdvanceUntilAsync(time, TimeSpan.FromDays(8.5), TimeSpan.FromSeconds(10),
            () => Task.FromResult(Authorities(ControllerHarness.WebhookCaBundle(api)).Count == 2), "the new CA in the caBundle");
        string bothBundle = ControllerHarness.WebhookCaBundle(api);
        Authorities(bothBundle)[1].Thumbprint.Should().Be(Authorities(oldBundle)[0].Thumbprint, "the old CA stays, after the new one");
        (await ControllerHarness.ServedCertificateAsync(address)).Thumbprint.Should().Be(first.Thumbprint);
        (await ReviewAsync(bothBundle, address, time.GetUtcNow())).Should().BeTrue("the new bundle trusts what replicas serve now");
        (await ReviewAsync(oldBundle, address, time.GetUtcNow())).Should().BeTrue("an API server that has not seen the new bundle yet still trusts it");

        // Once the new CA has been published for the grace period, certificates are signed with it.
        await ControllerHarness.AdvanceUntilAsync(time, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(1),
            async () => (await ControllerHarness.ServedCertificateAsync(address)).Thumbprint != first.Thumbprint, "a certificate from the new CA");
        X509Certificate2 fromNewCa = await ControllerHarness.ServedCertificateAsync(address);
        fromNewCa.Issuer.Should().Be(Authorities(bothBundle)[0].Subject);
        (await ReviewAsync(bothBundle, address, time.GetUtcNow())).Should().BeTrue();

        // The old CA expires: it leaves the bundle, nothing served needs it.
        await ControllerHarness.AdvanceUntilAsync(time, TimeSpan.FromDays(4), TimeSpan.FromMinutes(1),
            () => Task.FromResult(Authorities(ControllerHarness.WebhookCaBundle(api)).Count == 1), "the expired CA to leave the caBundle");
        Authorities(ControllerHarness.WebhookCaBundle(api)).Single().Thumbprint.Should().Be(Authorities(bothBundle)[0].Thumbprint);
        (await ReviewAsync(ControllerHarness.WebhookCaBundle(api), address, time.GetUtcNow())).Should().BeTrue();
    }

    private static Func<ControllerOptions, ControllerOptions> Validity(double days, double caDays) => o => o with
    {
        Certificates = o.Certificates with { CertificateValidity = TimeSpan.FromDays(days), CaValidity = TimeSpan.FromDays(caDays) },
    };

    private static X509Certificate2Collection Authorities(string bundle)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(bundle);
        return authorities;
    }

    // A pod review from a client that trusts exactly this bundle, at the fake clock's time.
    private static async Task<bool> ReviewAsync(string bundle, Uri address, DateTimeOffset at)
    {
        using var client = new HttpClient(ControllerHarness.TrustingExactly(bundle, address.Port, at)) { BaseAddress = address };
        try
        {
            using var content = new StringContent(
                AdmissionReviews.For("Pod", "CREATE", "app", "p", AdmissionReviews.Pod("app", "p", null)).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync("/validate/pods", content);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
