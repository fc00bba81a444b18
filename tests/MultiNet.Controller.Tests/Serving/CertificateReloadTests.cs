using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FluentAssertions;
using MultiNet.Controller.Metrics;
using MultiNet.Controller.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MultiNet.Controller.Tests.Serving;

public class CertificateReloadTests
{
    [Fact]
    public async Task FilesReplaced_NextHandshakeSeesNewCertificate()
    {
        await using var harness = await ControllerHarness.StartAsync();
        string first = await ServedThumbprintAsync(harness);

        string second = ControllerHarness.WriteServingCertificate(harness.Ca, harness.Directory);
        await ControllerHarness.WaitUntilAsync(
            () => ServedThumbprintAsync(harness).GetAwaiter().GetResult() == second, "the new certificate to be served");

        second.Should().NotBe(first);
        harness.App.Services.GetRequiredService<ControllerMetrics>().CertificateReloads.Value().Should().Be(1);
        (await harness.ReviewPodAsync(AdmissionReviews.Pod("app", "p", null))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task SymlinkSwapLikeSecretVolume_Reloaded()
    {
        await using var harness = await ControllerHarness.StartAsync();

        // A Secret volume points tls.crt at ..data/tls.crt and swaps ..data atomically.
        string data1 = Directory.CreateDirectory(Path.Combine(harness.Directory, "v1")).FullName;
        string data2 = Directory.CreateDirectory(Path.Combine(harness.Directory, "v2")).FullName;
        ControllerHarness.WriteServingCertificate(harness.Ca, data1);
        string expected = ControllerHarness.WriteServingCertificate(harness.Ca, data2);
        File.Delete(harness.CertificateFile);
        File.Delete(harness.KeyFile);
        string link = Path.Combine(harness.Directory, "..data");
        File.CreateSymbolicLink(link, data1);
        File.CreateSymbolicLink(harness.CertificateFile, Path.Combine(link, "tls.crt"));
        File.CreateSymbolicLink(harness.KeyFile, Path.Combine(link, "tls.key"));
        await Task.Delay(500);
        string swapped = Path.Combine(harness.Directory, "..data_tmp");
        File.CreateSymbolicLink(swapped, data2);
        using (var mv = System.Diagnostics.Process.Start("mv", ["-T", swapped, link]))
        {
            await mv.WaitForExitAsync();
            mv.ExitCode.Should().Be(0);
        }

        await ControllerHarness.WaitUntilAsync(
            () => ServedThumbprintAsync(harness).GetAwaiter().GetResult() == expected, "the certificate behind the swapped link");
    }

    [Fact]
    public async Task KeyWrittenButCertificateNotYet_KeepsServingOldCertificate()
    {
        await using var harness = await ControllerHarness.StartAsync();
        string first = await ServedThumbprintAsync(harness);
        using X509Certificate2 next = harness.Ca.IssueServer();

        // Half of a rotation: the new key with the old certificate does not load.
        File.WriteAllText(harness.KeyFile, Testing.ApiServer.TestCertificateAuthority.PrivateKeyPem(next));
        await Task.Delay(600);
        (await ServedThumbprintAsync(harness)).Should().Be(first);

        File.WriteAllText(harness.CertificateFile, next.ExportCertificatePem());
        await ControllerHarness.WaitUntilAsync(
            () => ServedThumbprintAsync(harness).GetAwaiter().GetResult() == next.Thumbprint, "the completed rotation");
    }

    private static async Task<string> ServedThumbprintAsync(ControllerHarness harness)
    {
        Uri address = harness.Http.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" });
        return tls.RemoteCertificate is X509Certificate2 c ? c.Thumbprint : new X509Certificate2(tls.RemoteCertificate!).Thumbprint;
    }
}
