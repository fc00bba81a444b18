using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Logging;

namespace MultiNet.Daemon.Configuration;

/// <summary>multinetd's configuration (<c>multinetd --config /etc/multinet/daemon.json</c>); keys are listed in the README.</summary>
internal sealed record DaemonOptions
{
    /// <summary>Default of <c>socketDir</c>.</summary>
    public const string DefaultSocketDir = "/run/multinet";

    /// <summary>The whole file: the keys of other parts of the daemon (generated CNI config, install) are read from here.</summary>
    public JsonObject Raw { get; init; } = [];

    /// <summary><c>socketDir</c>: created 0700; the socket <c>multinet.sock</c> inside it is 0600.</summary>
    public string SocketDir { get; init; } = DefaultSocketDir;

    /// <summary><c>nodeName</c>, else the <c>NODE_NAME</c> environment variable: the pod cache watches this node's pods.</summary>
    public required string NodeName { get; init; }

    /// <summary><c>kubeconfig</c>; null for the in-cluster service account.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary><c>maxConcurrentRequests</c>: CNI requests run at once.</summary>
    public int MaxConcurrentRequests { get; init; } = 16;

    /// <summary><c>maxQueuedRequests</c>: requests waiting for a slot; beyond that the answer is code 11 "daemon busy".</summary>
    public int MaxQueuedRequests { get; init; } = 256;

    /// <summary><c>requestTimeoutSeconds</c>: a CNI request (queue wait included) is cancelled after this long.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary><c>shutdownGraceSeconds</c>: after SIGTERM, how long in-flight requests may take before the daemon exits.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary><c>metrics</c>: serve <c>GET /metrics</c>.</summary>
    public bool Metrics { get; init; } = true;

    /// <summary>
    /// <c>metricsAddress</c>: also serve <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c> (never <c>/cni</c>) over plain
    /// HTTP on this TCP address (<c>IP:port</c>); null (default) for the unix socket only.
    /// </summary>
    public System.Net.IPEndPoint? MetricsAddress { get; init; }

    /// <summary>
    /// <c>chrootDir</c>: the host's root filesystem as mounted in this container (Multus's key; e.g. <c>/hostroot</c>):
    /// every delegate runs chrooted into it, found in the bin directories inside it. Null: delegates run in our root.
    /// </summary>
    public string? ChrootDir { get; init; }

    /// <summary><c>podEvents</c>: <c>warnings</c> (default: failures only), <c>all</c> (also AddedInterface) or <c>none</c>.</summary>
    public PodEventPolicy PodEvents { get; init; } = PodEventPolicy.Warnings;

    /// <summary><c>logLevel</c>: error, warning, info, debug.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>logFile</c>: also write the log there, rotated as <see cref="LogOptions"/> say.</summary>
    public string? LogFile { get; init; }

    /// <summary><c>logFormat</c>: text (default) or json, on stderr and in <see cref="LogFile"/>.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary><c>logOptions</c>: rotation of <see cref="LogFile"/> (Multus's keys and defaults).</summary>
    public LogRotation LogOptions { get; init; } = new();
}
