using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Cluster;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Leadership;
using MultiNet.Controller.Logging;
using MultiNet.Controller.Metrics;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Reconcile;

/// <summary>
/// Puts a Warning Event on every active pod whose network request the rules refuse, typically because a NAD it names
/// is missing or invalid (created before the webhook, or the NAD changed since). Each problem is reported once per
/// pod; it is reported again only after it went away and came back. Pods are looked at again when they change and
/// when a NAD they name changes; nothing runs before both caches have synced, so a NAD not listed yet is not "missing".
/// Only the leader runs it (one Event per problem, not one per replica); a new leader looks at every pod once, so a
/// problem the previous leader reported is reported once more after a change of leader.
/// </summary>
internal sealed class PodEventReconciler : ILeaderTask
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
    private volatile bool _leading;

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
        pods.Changed += (key, _) => Enqueue(key);
        nads.Changed += nad =>
        {
            if (!_leading)
            {
                return;
            }

            foreach (PodRecord pod in pods.UsersOf(nad))
            {
                Enqueue(pod.Key);
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
    public async Task RunAsync(CancellationToken leading)
    {
        // What a previous term queued or reported is forgotten: every pod is looked at once the caches are whole.
        while (_queue.Reader.TryRead(out _))
        {
        }

        _reported.Clear();
        _leading = true;
        try
        {
            while (!_readiness.IsReady)
            {
                await Task.Delay(100, leading).ConfigureAwait(false);
            }

            foreach (PodRecord pod in _pods.All())
            {
                Enqueue(pod.Key);
            }

            await foreach (string key in _queue.Reader.ReadAllAsync(leading).ConfigureAwait(false))
            {
                try
                {
                    await ReconcileAsync(key, leading).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.EventWorkerFailed(e.Message);
                }
            }
        }
        finally
        {
            _leading = false;
        }
    }

    // Only the leader queues: a replica that does not lead would otherwise collect every pod change without end.
    private void Enqueue(string key)
    {
        if (_leading)
        {
            _queue.Writer.TryWrite(key);
        }
    }

    private static string Identity(RuleFinding f) => $"{f.Reason}|{f.Field}|{f.Message}";
}
