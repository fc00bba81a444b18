using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MultiNet.Testing.Node;

namespace MultiNet.Benchmarks;

/// <summary>The published multinetd serving the bench node (socket in the node's directory, the API stand-in); stopped with SIGTERM.</summary>
internal sealed class BenchDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private BenchDaemon(Process process, string socketPath)
    {
        _process = process;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://multinetd/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Pid => _process.Id;

    public static async Task<BenchDaemon> StartAsync(BenchNode node)
    {
        var config = Path.Combine(node.Node.Root, "daemon.json");
        await File.WriteAllTextAsync(config, new JsonObject
        {
            ["socketDir"] = node.SocketDir,
            ["nodeName"] = "node-1",
            ["kubeconfig"] = node.Kubeconfig,
            ["logLevel"] = "warning",
        }.ToJsonString());
        var psi = new ProcessStartInfo(RepoLayout.Daemon) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(config);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("multinetd did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var daemon = new BenchDaemon(process, Path.Combine(node.SocketDir, "multinet.sock"));
        await daemon.WaitUntilAsync(m => m.Contains("multinetd_ready 1\n", StringComparison.Ordinal), "ready");
        return daemon;
    }

    /// <summary>Waits until /metrics satisfies <paramref name="condition"/> (cache sizes, readiness).</summary>
    public async Task WaitUntilAsync(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if (condition(await _http.GetStringAsync(new Uri("metrics", UriKind.Relative))))
                {
                    return;
                }
            }
            catch (HttpRequestException) when (!_process.HasExited)
            {
                // Not listening yet.
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"multinetd never got {what} (exited: {_process.HasExited})");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Seconds the daemon spent on ADD requests so far, and in their delegates (from its /metrics).</summary>
    public async Task<(double Add, double Delegates)> AddSecondsAsync()
    {
        var lines = (await _http.GetStringAsync(new Uri("metrics", UriKind.Relative))).Split('\n');
        double Value(string prefix) => lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
        return (Value("multinetd_request_duration_seconds_sum{command=\"ADD\"}"), Value("multinetd_delegate_duration_seconds_sum "));
    }

    /// <summary>The daemon's resident set now, in KiB.</summary>
    public long RssKib() => Status("VmRSS:");

    /// <summary>The daemon's highest resident set so far, in KiB.</summary>
    public long PeakRssKib() => Status("VmHWM:");

    private long Status(string field) =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            Shell.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
