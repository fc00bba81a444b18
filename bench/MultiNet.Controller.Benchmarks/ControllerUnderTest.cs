using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Serving;
using MultiNet.Kubernetes.Api;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Controller.Benchmarks;

/// <summary>
/// multinet-controller against the API stand-in: the published binary in its own process (so its memory is its own),
/// or, with --in-process, the same app inside the benchmark.
/// </summary>
internal sealed class ControllerUnderTest : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly WebApplication? _app;
    private readonly string _directory;

    private ControllerUnderTest(Uri address, HttpClient http, string directory, Process? process, WebApplication? app, string mode)
    {
        Address = address;
        Http = http;
        _directory = directory;
        _process = process;
        _app = app;
        Mode = mode;
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Mode { get; }

    public static async Task<ControllerUnderTest> StartAsync(KubeApiStandIn api, TestCertificateAuthority ca, bool inProcess)
    {
        string directory = Directory.CreateTempSubdirectory("multinet-controller-bench-").FullName;
        using var certificate = ca.IssueServer();
        string served = certificate.GetCertHashString();
        string cert = Path.Combine(directory, "tls.crt");
        string key = Path.Combine(directory, "tls.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, TestCertificateAuthority.PrivateKeyPem(certificate));
        string kubeconfig = api.WriteKubeconfig(directory);
        int port = FreePort();
        var address = new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && c.GetCertHashString() == served },
            MaxConnectionsPerServer = 64,
        };
        var http = new HttpClient(handler) { BaseAddress = address };

        string binary = Path.Combine(RepoLayout.BinDir, "multinet-controller");
        ControllerUnderTest controller;
        if (!inProcess && File.Exists(binary))
        {
            var start = new ProcessStartInfo(binary,
                ["--tls-cert-file", cert, "--tls-private-key-file", key, "--bind-address", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
                 "--kubeconfig", kubeconfig, "--pod-events", "false"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            var process = Process.Start(start) ?? throw new InvalidOperationException("multinet-controller did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            controller = new ControllerUnderTest(address, http, directory, process, null, "published binary, own process");
        }
        else
        {
            var options = new ControllerOptions
            {
                CertificateFile = cert, PrivateKeyFile = key, BindAddress = "127.0.0.1", Port = port, PodEvents = false,
            };
            WebApplication app = ControllerApp.Build(options, KubernetesApiAccess.CreateClient(kubeconfig), logging => { });
            await app.StartAsync();
            controller = new ControllerUnderTest(address, http, directory, null, app, "in-process");
        }

        await controller.WaitReadyAsync();
        return controller;
    }

    /// <summary>RssAnon and RssFile of the controller process in bytes (from /proc), or null when it runs in this process.</summary>
    public (long Anon, long File)? ProcessMemory()
    {
        if (_process is null)
        {
            return null;
        }

        string[] lines = File.ReadAllLines($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/status");
        long Kb(string key) => long.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return (Kb("RssAnon:"), Kb("RssFile:"));
    }

    /// <summary>One sample of the controller's /metrics, e.g. <c>multinet_controller_nads_cached</c>.</summary>
    public async Task<double> MetricAsync(string name)
    {
        string text = await Http.GetStringAsync("/metrics");
        string line = text.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the metric reaches <paramref name="value"/>.</summary>
    public async Task WaitForMetricAsync(string name, double value, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (await MetricAsync(name) < value)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} did not reach {value}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"multinet-controller exited with {_process.ExitCode}");
            }

            try
            {
                using HttpResponseMessage response = await Http.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
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
}
