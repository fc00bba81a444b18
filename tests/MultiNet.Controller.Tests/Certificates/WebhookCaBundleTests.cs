using FluentAssertions;
using MultiNet.Controller.Certificates;
using MultiNet.Controller.Tests.Support;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Certificates;

/// <summary>The caBundle patch names the resourceVersion read: a stale leader cannot put back an older bundle.</summary>
public class WebhookCaBundleTests
{
    [Fact]
    public async Task WriteFromAnOlderRead_Refused_NewerBundleKept()
    {
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        string directory = Directory.CreateTempSubdirectory("multinet-cabundle-").FullName;
        try
        {
            var bundles = new KubernetesWebhookCaBundle(KubernetesApiAccess.CreateClient(api.WriteKubeconfig(directory)), "multinet-controller");
            WebhookCaBundles stale = await bundles.GetAsync(CancellationToken.None);
            (await bundles.SetAsync(await bundles.GetAsync(CancellationToken.None), "new-bundle", CancellationToken.None)).Should().BeTrue();

            bool written = await bundles.SetAsync(stale, "old-bundle", CancellationToken.None);

            written.Should().BeFalse("the configuration changed since that read");
            ControllerHarness.WebhookCaBundles(api).Should().HaveCount(2).And.AllBe("new-bundle");
            (await bundles.GetAsync(CancellationToken.None)).Webhooks.Select(w => w.CaBundle).Should().AllBe("new-bundle");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
