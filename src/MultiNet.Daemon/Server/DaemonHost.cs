using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Logging;
using MultiNet.Daemon.Caches;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Events;
using MultiNet.Daemon.Logging;
using MultiNet.Daemon.Metrics;
using MultiNet.KubeApi;

namespace MultiNet.Daemon.Server;

/// <summary>
/// multinetd's process: Kestrel on the unix socket, the watch caches, the event queue, readiness and metrics.
/// Other parts plug in before <see cref="RunAsync"/>: <see cref="AddReadinessCheck"/> for a readiness condition and
/// <see cref="Services"/> (<c>AddHostedService</c>) for a background service started with the daemon and stopped
/// after the SIGTERM drain.
/// </summary>
internal sealed class DaemonHost
{
    private readonly WebApplicationBuilder _builder;
    private readonly DaemonOptions _options;
    private readonly DaemonReadiness _readiness = new();
    private readonly string _socket;
    private readonly List<Func<IServiceProvider, Func<string?>>> _serviceChecks = [];

    public DaemonHost(DaemonOptions options, ApiEndpoint endpoint)
    {
        _options = options;
        _socket = SocketDirectory.Prepare(options.SocketDir);
        // No configuration file is read, so nothing is watched for changes: the default watch covers the content root
        // recursively, which is the working folder "/" — in the DaemonSet that holds the host's whole root at
        // /hostroot, and walking it crashed the daemon at start (stack overflow). The binary's folder as content root.
        _builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        _builder.Logging.ClearProviders();
        if (options.LogFormat == LogFormat.Text)
        {
            _builder.Logging.AddSimpleConsole(o => (o.SingleLine, o.TimestampFormat, o.UseUtcTimestamp) = (true, "yyyy-MM-ddTHH:mm:ss.fffZ ", true));
            _builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        if (options.LogFormat == LogFormat.Json || options.LogFile is not null)
        {
            RotatingLogFile? file;
            try
            {
                file = options.LogFile is null ? null : RotatingLogFile.Open(options.LogFile, options.LogOptions);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"logFile: {e.Message}", e);
            }

            _builder.Logging.AddProvider(new LineLoggerProvider(options.LogFormat, options.LogFormat == LogFormat.Json ? Console.Error : null, file));
        }

        _builder.Logging.SetMinimumLevel(options.LogLevel).AddFilter("Microsoft", LogLevel.Warning);
        _builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1 << 20;
            k.ListenUnixSocket(_socket);
            if (options.MetricsAddress is { } metrics)
            {
                // kubelet probes a hostNetwork pod on the node's address, IPv6 on an IPv6 node: "any" means both
                // families (IPv6 dual-stack, IPv4 alone where the node has no IPv6).
                if (metrics.Address.Equals(IPAddress.Any) || metrics.Address.Equals(IPAddress.IPv6Any))
                {
                    k.ListenAnyIP(metrics.Port);
                }
                else
                {
                    k.Listen(metrics);
                }
            }
        });
        _builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        Register(_builder.Services, options, endpoint);
    }

    /// <summary>The host's services: <c>Services.AddHostedService&lt;T&gt;()</c> adds a background service.</summary>
    public IServiceCollection Services => _builder.Services;

    /// <summary>Adds a readiness condition: null when ready, else the reason shown by /readyz.</summary>
    public void AddReadinessCheck(Func<string?> check) => _readiness.Add(check);

    /// <summary>Adds a readiness condition of a registered service, e.g. <c>sp => sp.GetRequiredService&lt;T&gt;().NotReady</c>.</summary>
    public void AddReadinessCheck(Func<IServiceProvider, Func<string?>> check) => _serviceChecks.Add(check);

    /// <summary>Serves until SIGTERM/SIGINT and the drain are over; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        await using var app = _builder.Build();
        var caches = app.Services.GetRequiredService<CacheWatchService>();
        _readiness.Add(caches.NotSynced);
        _serviceChecks.ForEach(check => _readiness.Add(check(app.Services)));
        RegisterGauges(app.Services.GetRequiredService<DaemonMetrics>(), caches, app.Services.GetRequiredService<RequestGate>());
        var endpoints = app.Services.GetRequiredService<DaemonEndpoints>();
        app.Run(endpoints.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        SocketDirectory.Protect(_socket);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private void Register(IServiceCollection services, DaemonOptions options, ApiEndpoint endpoint)
    {
        services.AddSingleton(options);
        services.AddSingleton(_readiness);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DaemonMetrics>();
        services.AddSingleton(_ => new RequestGate(options.MaxConcurrentRequests, options.MaxQueuedRequests));
        services.AddSingleton<ContainerLocks>();
        services.AddSingleton(sp => new ThinApiClient(endpoint, new ThinApiClientOptions { Component = "multinetd" }, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiNet.Daemon.Api")));
        services.AddSingleton(sp => new NadCache(sp.GetRequiredService<ThinApiClient>()));
        services.AddSingleton(sp => new CacheWatchService(endpoint, options.NodeName, sp.GetRequiredService<NadCache>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => sp.GetRequiredService<CacheWatchService>());
        services.AddSingleton(sp => new QueuedEventRecorder(sp.GetRequiredService<ThinApiClient>(), options.PodEvents, sp.GetRequiredService<DaemonMetrics>()));
        services.AddHostedService(sp => sp.GetRequiredService<QueuedEventRecorder>());
        services.AddSingleton(sp =>
        {
            var api = sp.GetRequiredService<ThinApiClient>();
            var engineLogger = new DelegateTimingLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("MultiNet.Engine"), sp.GetRequiredService<DaemonMetrics>());
            return new EngineFactory(sp.GetRequiredService<CacheWatchService>(), api, api, sp.GetRequiredService<QueuedEventRecorder>(), engineLogger,
                options.ChrootDir);
        });
        services.AddSingleton<CniRequestHandler>();
        services.AddSingleton<DaemonEndpoints>();
        services.AddSingleton<IHostLifetime, DrainingLifetime>();
        services.AddHostedService(sp => new IdleMemoryTrimmer(sp.GetRequiredService<RequestGate>()));
    }

    private void RegisterGauges(DaemonMetrics metrics, CacheWatchService caches, RequestGate gate)
    {
        metrics.AddSampled("multinetd_cache_objects", "Objects held by each watch cache.", "gauge",
            () => [("cache=\"pods\"", caches.Pods.Store.Count), ("cache=\"nads\"", caches.Nads.Store.Count)]);
        metrics.AddSampled("multinetd_cache_lookups_total", "Cache lookups by result; a miss costs one live GET.", "counter",
            () => [("cache=\"pods\",result=\"hit\"", caches.Pods.Store.Hits), ("cache=\"pods\",result=\"miss\"", caches.Pods.Store.Misses),
                ("cache=\"nads\",result=\"hit\"", caches.Nads.Store.Hits), ("cache=\"nads\",result=\"miss\"", caches.Nads.Store.Misses)]);
        metrics.AddSampled("multinetd_watch_lists_total", "LISTs done by each watch (the first, then one per relist).", "counter",
            () => [("cache=\"pods\"", caches.PodWatcher.Lists), ("cache=\"nads\"", caches.NadWatcher.Lists)]);
        metrics.AddSampled("multinetd_watch_failures_total", "Failed LIST or WATCH attempts of each watch.", "counter",
            () => [("cache=\"pods\"", caches.PodWatcher.Failures), ("cache=\"nads\"", caches.NadWatcher.Failures)]);
        metrics.AddSampled("multinetd_requests_running", "CNI requests running now.", "gauge", () => [("", gate.Running)]);
        metrics.AddSampled("multinetd_requests_queued", "CNI requests waiting for a slot (queue depth).", "gauge", () => [("", gate.Queued)]);
        metrics.AddSampled("multinetd_gc_heap_bytes", "Managed heap: size after the last GC and memory committed for it.", "gauge", () =>
        {
            var info = GC.GetGCMemoryInfo();
            return [("kind=\"heap\"", info.HeapSizeBytes), ("kind=\"committed\"", info.TotalCommittedBytes)];
        });
        metrics.AddSampled("multinetd_threads", "Threads of the process.", "gauge", () => [("", System.Diagnostics.Process.GetCurrentProcess().Threads.Count)]);
        metrics.AddSampled("multinetd_ready", "1 when /readyz answers 200.", "gauge", () => [("", _readiness.NotReady() is null ? 1 : 0)]);
    }
}
