using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MultiNet.Testing.ApiServer;

/// <summary>
/// An in-process kube-apiserver for tests: real HTTP and JSON on 127.0.0.1 (plain HTTP, bearer token), serving pods,
/// NetworkAttachmentDefinitions, events, nodes, namespaces, configmaps, secrets, validating webhook configurations and leases with GET, LIST, WATCH, POST, PUT, PATCH and
/// DELETE, resourceVersions, Status errors, injectable faults and a log of every request.
/// </summary>
public sealed partial class KubeApiStandIn : IAsyncDisposable
{
    private readonly ObjectStore _store = new();
    private readonly FaultRules _faults = new();
    private readonly RequestLog _log = new();
    private readonly StandInPipeline _pipeline;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private CancellationTokenSource? _stopping;
    private int _port;

    private readonly KubeApiStandInOptions _options;

    private KubeApiStandIn(KubeApiStandInOptions options)
    {
        _options = options;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var resources = new ResourceHandler(_store, new WatchStream(_store, TimeSpan.FromSeconds(1)));
        _pipeline = new StandInPipeline(Token, _faults, _log, resources, () => $"127.0.0.1:{_port}");
    }

    /// <summary>Where the stand-in listens, e.g. http://127.0.0.1:41234/ (https when started with a server certificate).</summary>
    public Uri BaseAddress => new($"{(_options.ServerCertificate is null ? "http" : "https")}://127.0.0.1:{_port}/");

    /// <summary>The bearer token every request except /version and health checks must carry.</summary>
    public string Token { get; }

    /// <summary>True between start (or restart) and stop.</summary>
    public bool IsRunning => _app is not null;

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>The current (latest) resourceVersion.</summary>
    public string ResourceVersion => _store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Number of WATCH streams open now.</summary>
    public int WatchCount => _store.WatchCount;

    /// <summary>Starts a stand-in on a free port of 127.0.0.1.</summary>
    public static Task<KubeApiStandIn> StartAsync(CancellationToken ct = default) => StartAsync(new KubeApiStandInOptions(), ct);

    /// <summary>Starts a stand-in on a free port of 127.0.0.1, with TLS when <paramref name="options"/> say so.</summary>
    public static async Task<KubeApiStandIn> StartAsync(KubeApiStandInOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var standIn = new KubeApiStandIn(options);
        await standIn.ListenAsync(0, ct);
        return standIn;
    }

    /// <summary>Stops listening (clients get connection refused) and ends open watches; the objects are kept.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_app is null)
            {
                return;
            }

            await _stopping!.CancelAsync();
            _store.CloseWatches();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                await _app.StopAsync(timeout.Token);
            }

            await _app.DisposeAsync();
            _stopping.Dispose();
            _app = null;
            _stopping = null;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Listens again on the same port (after <see cref="StopAsync"/>), with the same objects.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await ListenAsync(_port, ct);
    }

    /// <summary>Adds a rule consulted for every request; the first rule that returns a fault wins.</summary>
    public void InjectFault(Func<StandInRequest, Fault?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _faults.Add(rule);
    }

    /// <summary>Removes every fault rule.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Fails the next <paramref name="count"/> requests (whose path contains <paramref name="pathContains"/>, when given) with <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode, string? pathContains = null, string? method = null)
    {
        var left = count;
        InjectFault(r =>
            (pathContains is null || r.Path.Contains(pathContains, StringComparison.Ordinal))
            && (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
            && Interlocked.Decrement(ref left) >= 0
                ? Fault.Status(statusCode, retryAfterSeconds: statusCode == 429 ? 1 : null)
                : null);
    }

    /// <summary>Number of requests with this method whose path contains <paramref name="pathContains"/>.</summary>
    public int Count(string method, string pathContains) =>
        _log.Snapshot().Count(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && r.Path.Contains(pathContains, StringComparison.Ordinal));

    /// <summary>Forgets the recorded requests.</summary>
    public void ResetCounts() => _log.Clear();

    /// <summary>Writes a kubeconfig for this stand-in (server and token) into <paramref name="directory"/>; returns its path.</summary>
    public string WriteKubeconfig(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: standin
              cluster:
                server: {BaseAddress.GetLeftPart(UriPartial.Authority)}
            contexts:
            - name: standin
              context:
                cluster: standin
                user: standin
                namespace: default
            current-context: standin
            users:
            - name: standin
              user:
                token: {Token}

            """);
        return path;
    }

    /// <summary>Waits until at least <paramref name="count"/> WATCH streams are open.</summary>
    public async Task WaitForWatchesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_store.WatchCount < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_store.WatchCount} watches open after {timeout}, expected {count}");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _lifecycle.Dispose();
    }

    private async Task ListenAsync(int port, CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var stopping = new CancellationTokenSource();
                var app = Build(port, stopping.Token);
                try
                {
                    await app.StartAsync(ct);
                    var address = app.Services.GetRequiredService<IServer>().Features
                        .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
                    _port = new Uri(address).Port;
                    (_app, _stopping) = (app, stopping);
                    return;
                }
                catch (IOException) when (port != 0 && attempt < 50)
                {
                    // The port is still held by the connections of the previous run: try again shortly.
                    await app.DisposeAsync();
                    stopping.Dispose();
                    await Task.Delay(100, ct);
                }
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private WebApplication Build(int port, CancellationToken stopping)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(IPAddress.Loopback, port, listen =>
            {
                if (_options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        if (_options.ClientCertificateAuthority is { } clientCa)
                        {
                            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                            https.ClientCertificateValidation = (client, _, _) => ChainsTo(client, clientCa);
                        }
                    });
                }
            });
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.Run(context => _pipeline.HandleAsync(context, stopping));
        return app;
    }

    private static bool ChainsTo(X509Certificate2 client, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(client);
    }
}
