using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Logging;
using MultiNet.Controller.Metrics;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Reconcile;

/// <summary>
/// Puts a Warning Event on every active pod whose network request the rules refuse, typically because a NAD it names
/// is missing or invalid (created before the webhook, or the NAD changed since). Each problem is reported once per
/// pod; it is reported again only after it went away and came back. Pods are looked at again when they change and
/// when a NAD they name changes; nothing runs before both caches have synced, so a NAD not listed yet is not "missing".
/// </summary>
internal sealed class PodEventReconciler : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, (string Uid, HashSet<string> Reported)> _reported = new(StringComparer.Ordinal);
    private readonly PodCache _pods;
    private readonly NadCache _nads;
    private readonly CacheReadiness _readiness;
    private readonly IPodEventRecorder _recorder;
    private readonly ControllerOptions _options;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Subscribes to both caches.</summary>
    public PodEventReconciler(PodCache pods, NadCache nads, CacheReadiness readiness, IPodEventRecorder recorder, ControllerOptions options,
        ControllerMetrics metrics, ILogger<PodEventReconciler> logger)
    {
        _pods = pods;
        _nads = nads;
        _readiness = readiness;
        _recorder = recorder;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        pods.Changed += (key, _) => _queue.Writer.TryWrite(key);
        nads.Changed += nad =>
        {
            foreach (PodRecord pod in pods.UsersOf(nad))
            {
                _queue.Writer.TryWrite(pod.Key);
            }
        };
    }

    /// <summary>Looks at one pod now (tests; the worker does the same for queued pods).</summary>
    public async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_pods.Get(key) is not { } pod)
        {
            _reported.Remove(key);
            return;
        }

        if (!_reported.TryGetValue(key, out var state) || state.Uid != pod.Uid)
        {
            state = (pod.Uid, new HashSet<string>(StringComparer.Ordinal));
            _reported[key] = state;
        }

        List<RuleFinding> errors = !pod.Active || pod.HostNetwork
            ? []
            : [.. PodNetworkRules.Validate(pod.Namespace, pod.Annotations, _nads.Lookup, _options.Rules).Where(f => f.IsError)];
        var current = errors.ToDictionary(Identity, f => f, StringComparer.Ordinal);
        state.Reported.IntersectWith(current.Keys);
        foreach ((string id, RuleFinding error) in current)
        {
            if (!state.Reported.Add(id))
            {
                continue;
            }

            var info = new PodInfo { Namespace = pod.Namespace, Name = pod.Name, Uid = pod.Uid, Annotations = pod.Annotations };
            await _recorder.RecordAsync(info, new PodEvent("Warning", error.Reason, $"{error.Field}: {error.Message}"), cancellationToken).ConfigureAwait(false);
            _metrics.PodEvents.Inc(error.Reason);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_readiness.IsReady)
        {
            await Task.Delay(100, stoppingToken).ConfigureAwait(false);
        }

        // Everything queued before the sync is looked at once the caches are whole.
        foreach (PodRecord pod in _pods.All())
        {
            _queue.Writer.TryWrite(pod.Key);
        }

        await foreach (string key in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await ReconcileAsync(key, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.EventWorkerFailed(e.Message);
            }
        }
    }

    private static string Identity(RuleFinding f) => $"{f.Reason}|{f.Field}|{f.Message}";
}
