using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Serving;

/// <summary>multinet-controller as a process: exit codes, messages, a review over HTTPS, a clean stop on SIGTERM.</summary>
public sealed class ProgramTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("multinet-controller-program-").FullName;
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private KubeApiStandIn _api = null!;

    public async Task InitializeAsync() => _api = await KubeApiStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _ca.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Help_PrintsUsage_Exit0()
    {
        (int code, string stdout, _) = await RunToEndAsync("--help");

        code.Should().Be(0);
        stdout.Should().Contain("--tls-cert-file").And.Contain("MULTINET_CONTROLLER_");
    }

    [Fact]
    public async Task UnknownFlag_NamesIt_Exit2()
    {
        (int code, _, string stderr) = await RunToEndAsync("--tls-cert-file", "a", "--tls-private-key-file", "b", "--colour", "red");

        code.Should().Be(2);
        stderr.Should().StartWith("multinet-controller: unknown flag \"--colour\"").And.Contain("usage:");
    }

    [Fact]
    public async Task MissingCertificate_NamesFile_Exit1()
    {
        string missing = Path.Combine(_directory, "nope.crt");

        (int code, _, string stderr) = await RunToEndAsync(
            "--tls-cert-file", missing, "--tls-private-key-file", missing, "--kubeconfig", _api.WriteKubeconfig(_directory), "--port", "0");

        code.Should().Be(1);
        stderr.Should().Contain("cannot start").And.Contain(missing);
    }

    [Fact]
    public async Task NoCertificateFilesAndNoWebhookConfiguration_NamesIt_Exit1()
    {
        (int code, _, string stderr) = await RunToEndAsync("--kubeconfig", _api.WriteKubeconfig(_directory), "--port", "0");

        code.Should().Be(1);
        stderr.Should().Contain("cannot start").And.Contain("validatingwebhookconfiguration \"multinet-controller\" (--webhook-config-name) does not exist");
    }

    [Fact]
    public async Task OnlyOneCertificateFlag_NamesTheOther_Exit2()
    {
        (int code, _, string stderr) = await RunToEndAsync("--tls-cert-file", "/tmp/a.crt");

        code.Should().Be(2);
        stderr.Should().Contain("flag \"--tls-private-key-file\" is required with the other certificate flag");
    }

    [Fact]
    public async Task Serve_ReviewOverHttpsThenSigterm_Exit0()
    {
        ControllerHarness.WriteServingCertificate(_ca, _directory);
        _api.AddNad("app", "net-a", """{"cniVersion":"1.0.0","type":"bridge"}""");
        int port = FreePort();
        using Process process = Start(
            "--tls-cert-file", Path.Combine(_directory, "tls.crt"), "--tls-private-key-file", Path.Combine(_directory, "tls.key"),
            "--kubeconfig", _api.WriteKubeconfig(_directory), "--bind-address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient(ControllerHarness.TrustingOnly(_ca.Certificate)) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
            await WaitReadyAsync(http, process);
            using var content = new StringContent(
                AdmissionReviews.For("Pod", "CREATE", "app", "p", AdmissionReviews.PodWithNetworks("app", "p", "net-a, missing")).ToJsonString(),
                Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await http.PostAsync("/validate/pods", content);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"allowed\":false").And.Contain("NetworkNotFound");

            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(timeout.Token);
            process.ExitCode.Should().Be(0, await stderr);
            (await stdout).Should().Contain("listening on https://127.0.0.1:");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task WaitReadyAsync(HttpClient http, Process process)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            process.HasExited.Should().BeFalse("the controller must keep running");
            try
            {
                using HttpResponseMessage ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("multinet-controller did not become ready");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunToEndAsync(params string[] args)
    {
        using Process process = Start(args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    // The controller's assembly sits next to the tests': run it with the same runtime.
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "multinet-controller.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__Console__FormatterName"] = "simple";
        return Process.Start(start) ?? throw new InvalidOperationException("multinet-controller did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
