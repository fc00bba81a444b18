using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Execution;
using MultiNet.Attachments.Migration;
using MultiNet.Attachments.Netns;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Engine;

/// <summary>
/// The one code path for every mode (thin plugin, daemon, standalone): ADD, DEL, CHECK, STATUS and GC of a pod's
/// attachments. It never knows where pods and NADs come from; <see cref="ClusterAccess"/> says.
/// </summary>
public sealed class AttachmentEngine
{
    private readonly ClusterAccess _cluster;
    private readonly IPodNetworkNamespace _netns;
    private readonly ConflistRunner _runner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates an engine over the given cluster access and namespace operations.</summary>
    public AttachmentEngine(ClusterAccess cluster, IPodNetworkNamespace netns, ConflistRunner? runner = null,
        ILogger? logger = null, TimeProvider? time = null)
    {
        _cluster = cluster;
        _netns = netns;
        _runner = runner ?? new ConflistRunner(new PluginProcessRunner());
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>ADD: plan, checkpoint, run, move the default route, write status; returns the result to print.</summary>
    public async Task<CniResult> AddAsync(CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        var store = new CheckpointStore(config.CniDir);
        // Held from the first step: a DEL sent while this ADD runs waits for it, then removes what it attached.
        using var held = await ContainerLock.AcquireAsync(store, env.ContainerId!, ContainerLock.DefaultWait, ct).ConfigureAwait(false);
        await ReadinessGate.WaitAsync(config, _time, ct).ConfigureAwait(false);
        var pod = await new PodContextLoader(_cluster.Pods).LoadForAddAsync(env, ct).ConfigureAwait(false);
        if (_cluster.Pods is not null && pod.Name is not null && pod.Pod is null)
        {
            EngineLog.PodGone(_logger, env.ContainerId!);
        }

        var plan = await Planner(config).PlanAsync(env, pod, ct).ConfigureAwait(false) with { NetNsIdentity = NetnsIdentity.Of(env.NetNs) };
        EngineLog.Planned(_logger, plan.ContainerId, pod.Label(plan.ContainerId), plan.Attachments.Count);
        EnsureInterfacesFree(plan);

        var executor = new AttachmentExecutor(_runner, store, config, _logger);
        await TearDownLeftoverAsync(store, executor, env, config).ConfigureAwait(false);

        var checkpoint = new Checkpoint(plan);
        store.Write(checkpoint);
        await executor.AddAllAsync(checkpoint, env, ct).ConfigureAwait(false);
        try
        {
            new DefaultRouteApplier(_netns, _logger).Apply(checkpoint, env.NetNs);
            var publisher = new StatusPublisher(_cluster, _logger);
            await publisher.PublishAsync(pod.Pod, publisher.Build(checkpoint), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CniException or OperationCanceledException)
        {
            await executor.RollbackAsync(checkpoint, env, plan.Attachments.Count - 1).ConfigureAwait(false);
            throw;
        }

        return ResultShaper.Shape(checkpoint, config.ResultMode);
    }

    /// <summary>
    /// DEL: from the checkpoint alone; idempotent; tries every attachment and reports one combined error. A container
    /// without a checkpoint that Multus attached is torn down from Multus's caches.
    /// </summary>
    public async Task DelAsync(CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        var store = new CheckpointStore(config.CniDir);
        // No file can be named after a longer id, so no such container was ever recorded (ADD refuses ids over 200).
        if (env.ContainerId!.Length > CheckpointStore.MaxRecordableIdLength
            || (!Directory.Exists(store.Directory) && MultusContainer.Find(config, env.ContainerId) is null))
        {
            EngineLog.NothingToDelete(_logger, env.ContainerId!);
            return;
        }

        using var held = await LockForTeardownAsync(store, env, ct).ConfigureAwait(false);
        // A writer killed between create and rename (a crashed ADD) left a temp file that only this DEL will look at.
        store.RemoveTempFiles(env.ContainerId!);
        var recorded = Own(store, env.ContainerId!) ?? await Multus(config).ForDelAsync(env, ct).ConfigureAwait(false);
        if (recorded is null)
        {
            EngineLog.NothingToDelete(_logger, env.ContainerId!);
            return;
        }

        var checkpoint = recorded.Checkpoint;
        await WaitForOrphansAsync(checkpoint, config, ct).ConfigureAwait(false);
        var executor = new AttachmentExecutor(_runner, store, config, _logger);
        var failures = await executor.DeleteAsync(checkpoint, env, checkpoint.Plan.Attachments.Count - 1, ct).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw Combined("DEL", checkpoint, failures);
        }

        recorded.Forget();
        EngineLog.Detached(_logger, checkpoint.Plan.ContainerId, checkpoint.Plan.Attachments.Count);
    }

    /// <summary>CHECK: every recorded attachment's delegates, with the recorded results.</summary>
    public async Task CheckAsync(CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        var store = new CheckpointStore(config.CniDir);
        using var held = Directory.Exists(store.Directory) ? await LockForTeardownAsync(store, env, ct).ConfigureAwait(false) : null;
        var checkpoint = store.Read(env.ContainerId!) ?? Multus(config).ForCheck(env)?.Checkpoint ?? throw new CniException(
            CniErrorCode.UnknownContainer, $"container \"{env.ContainerId}\": no attachments recorded in {store.Directory} (nor by Multus)");
        if (env.NetNs is not null)
        {
            var existing = _netns.ExistingLinks(env.NetNs, [.. checkpoint.Plan.Attachments.Select(a => a.IfName)]);
            var missing = checkpoint.Plan.Attachments.FirstOrDefault(a => !existing.Contains(a.IfName));
            if (missing is not null)
            {
                throw new CniException(CniErrorCode.InterfaceConflict,
                    $"network \"{missing.NetworkName}\": interface \"{missing.IfName}\" is missing from {env.NetNs}");
            }
        }

        await new AttachmentExecutor(_runner, store, config, _logger).CheckAllAsync(checkpoint, env, ct).ConfigureAwait(false);
    }

    /// <summary>STATUS: ready when the readiness file exists and the cluster network's plugins say so.</summary>
    public async Task StatusAsync(CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        if (!ReadinessGate.IsReady(config))
        {
            throw new CniException(CniErrorCode.NotAvailable,
                $"readinessindicatorfile \"{config.ReadinessIndicatorFile}\" does not exist: the cluster network is not ready");
        }

        var networks = await Planner(config).ClusterNetworksAsync(new PodContext(), ct).ConfigureAwait(false);
        var cluster = networks[0].Network;
        try
        {
            await _runner.StatusAsync(cluster.Config, PluginLevelInvocation(config, env), ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            throw e.WithContext($"network \"{cluster.StatusName}\"");
        }
    }

    /// <summary>GC: tears down checkpoints of containers the runtime no longer lists, then GC on the cluster network.</summary>
    public async Task GcAsync(CniEnvironment env, MultiNetConfig config, CancellationToken ct)
    {
        var valid = ValidAttachments(config.Raw);
        var validContainers = valid.Select(v => v.ContainerId).ToHashSet(StringComparer.Ordinal);
        var store = new CheckpointStore(config.CniDir);
        var executor = new AttachmentExecutor(_runner, store, config, _logger);
        var errors = new List<CniException>();
        // A writer killed between create and rename leaves a temp file; a minute is far longer than any write.
        store.RemoveStaleTempFiles(TimeSpan.FromMinutes(1), _time.GetUtcNow());
        var own = store.ListContainerIds();
        var multus = Multus(config);
        var staleOfMultus = multus.StaleContainerIds(validContainers, own).ToList();
        if (staleOfMultus.Count > 0)
        {
            // Their locks live in our cniDir like those of our own containers: a DEL of one of them running now holds it.
            try
            {
                Directory.CreateDirectory(store.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new CniException(CniErrorCode.Checkpoint, $"cniDir \"{store.Directory}\": cannot create it for the locks of containers Multus attached: {e.Message}"));
            }
        }

        foreach (var containerId in own.Where(id => !validContainers.Contains(id)).Concat(staleOfMultus))
        {
            try
            {
                using var held = ContainerLock.TryAcquire(store, containerId);
                if (held is null)
                {
                    // Another operation is running on it right now: it is not stale; a later GC looks again.
                    EngineLog.GcSkippedBusy(_logger, containerId);
                    continue;
                }

                var isOwn = own.Contains(containerId);
                if (isOwn)
                {
                    EngineLog.StaleCheckpoint(_logger, containerId);
                }

                var recorded = isOwn ? Own(store, containerId) : multus.ForGc(containerId);
                if (recorded is null)
                {
                    continue;
                }

                var checkpoint = recorded.Checkpoint;
                await WaitForOrphansAsync(checkpoint, config, ct).ConfigureAwait(false);
                var gcEnv = env with { NetNs = StillThePodsNetns(checkpoint.Plan) };
                var failures = await executor.DeleteAsync(checkpoint, gcEnv, checkpoint.Plan.Attachments.Count - 1, ct).ConfigureAwait(false);
                if (failures.Count == 0)
                {
                    recorded.Forget();
                }
                else
                {
                    errors.Add(Combined("GC", checkpoint, failures));
                }
            }
            catch (CniException e)
            {
                errors.Add(e);
            }
        }

        try
        {
            RemoveAbandonedLocks(store);
        }
        catch (CniException e)
        {
            errors.Add(e);
        }

        var networks = await Planner(config).ClusterNetworksAsync(new PodContext(), ct).ConfigureAwait(false);
        try
        {
            await _runner.GcAsync(networks[0].Network.Config, PluginLevelInvocation(config, env), valid, ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            errors.Add(e.WithContext($"network \"{networks[0].Network.StatusName}\""));
        }

        if (errors.Count > 0)
        {
            throw new CniException(errors[0].Code, $"GC: {string.Join("; ", errors.Select(e => e.Message))}");
        }
    }

    /// <summary>
    /// DEL and CHECK lock as ADD does; when the lock file cannot be created (a read-only cniDir) they go on without it,
    /// since nothing could have been written there for an ADD to race with.
    /// </summary>
    private async Task<ContainerLock?> LockForTeardownAsync(CheckpointStore store, CniEnvironment env, CancellationToken ct)
    {
        try
        {
            return await ContainerLock.AcquireAsync(store, env.ContainerId!, ContainerLock.DefaultWait, ct).ConfigureAwait(false);
        }
        catch (CniException e) when (e.Code == CniErrorCode.Checkpoint)
        {
            EngineLog.UnlockedTeardown(_logger, env.ContainerId!, e.Message);
            return null;
        }
    }

    /// <summary>
    /// GC may assume the netns is gone; when it is not — still the very namespace the ADD used — the delegates get it,
    /// so the interfaces go too and not only the addresses. Never a <c>/proc/&lt;pid&gt;/ns/net</c> path: the pid and the
    /// nsfs inode can both have been reused by another pod.
    /// </summary>
    private static string? StillThePodsNetns(AttachmentPlan plan) =>
        plan is { NetNs: { } path, NetNsIdentity: { } recorded } && !path.StartsWith("/proc/", StringComparison.Ordinal)
            && NetnsIdentity.Of(path) == recorded
            ? path
            : null;

    /// <summary>Lock files nobody holds: left by an operation that was killed (they hold no state).</summary>
    private static void RemoveAbandonedLocks(CheckpointStore store)
    {
        foreach (var containerId in ContainerLock.ListLockedIds(store))
        {
            // Taken and released at once, which removes the file; a held lock is somebody's live operation.
            ContainerLock.TryAcquire(store, containerId)?.Dispose();
        }
    }

    private static RecordedAttachments? Own(CheckpointStore store, string containerId) =>
        store.Read(containerId) is { } checkpoint ? new RecordedAttachments(checkpoint, () => store.Delete(containerId)) : null;

    private MultusAttachments Multus(MultiNetConfig config) => new(config, _cluster, _logger);

    private AttachmentPlanner Planner(MultiNetConfig config) =>
        new(config, _cluster, new NetworkResolver(config, _cluster.Networks));

    private void EnsureInterfacesFree(AttachmentPlan plan)
    {
        if (plan.NetNs is null)
        {
            return;
        }

        // One visit of the namespace for every name: each visit costs a thread and two setns calls.
        var existing = _netns.ExistingLinks(plan.NetNs, [.. plan.Attachments.Select(a => a.IfName)]);
        if (existing.Count > 0)
        {
            var attachment = plan.Attachments.First(a => a.IfName == existing[0]);
            throw new CniException(CniErrorCode.InterfaceConflict,
                $"network \"{attachment.NetworkName}\": interface \"{attachment.IfName}\" already exists in {plan.NetNs}");
        }
    }

    private async Task TearDownLeftoverAsync(CheckpointStore store, AttachmentExecutor executor, CniEnvironment env, MultiNetConfig config)
    {
        // An ADD for a container that still has a checkpoint (a crashed ADD, or a runtime that skipped DEL):
        // undo the old attachments first so none of them leaks. (Their interfaces, if still there, already failed
        // this ADD with 105, which leaves a live pod alone; the runtime's DEL then clears everything.)
        store.RemoveTempFiles(env.ContainerId!);
        var leftover = store.Read(env.ContainerId!);
        if (leftover is not null)
        {
            await WaitForOrphansAsync(leftover, config, CancellationToken.None).ConfigureAwait(false);
            await executor.RollbackAsync(leftover, env with { NetNs = null }, leftover.Plan.Attachments.Count - 1).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A checkpoint with an attachment but no result is an ADD that never finished: if its process was killed, its
    /// delegates may still be running. Wait for them (the lock keeps every live operation on the container out).
    /// </summary>
    private Task WaitForOrphansAsync(Checkpoint checkpoint, MultiNetConfig config, CancellationToken ct) =>
        checkpoint.Results.Any(r => r is null)
            ? OrphanedDelegates.WaitAsync(checkpoint.Plan.ContainerId, config.DelegateTimeout, _logger, ct)
            : Task.CompletedTask;

    private static DelegateInvocation PluginLevelInvocation(MultiNetConfig config, CniEnvironment env) => new()
    {
        ContainerId = "",
        IfName = "",
        PluginDirs = DelegateInvocations.PluginDirs(config, env),
        Timeout = config.DelegateTimeout,
    };

    private static List<(string ContainerId, string IfName)> ValidAttachments(JsonObject raw)
    {
        var list = new List<(string, string)>();
        var array = raw["cni.dev/valid-attachments"] as JsonArray ?? raw["cni.dev/attachments"] as JsonArray;
        if (array is null)
        {
            return list;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject entry || (string?)entry["containerID"] is not { Length: > 0 } id)
            {
                throw new CniException(CniErrorCode.InvalidConfig,
                    $"network config: field \"cni.dev/valid-attachments[{i}]\": expected an object with \"containerID\" and \"ifname\"");
            }

            list.Add((id, (string?)entry["ifname"] ?? ""));
        }

        return list;
    }

    private static CniException Combined(string verb, Checkpoint checkpoint, List<(int Index, CniException Error)> failures)
    {
        var parts = failures.Select(f =>
            $"network \"{checkpoint.Plan.Attachments[f.Index].NetworkName}\" (interface {checkpoint.Plan.Attachments[f.Index].IfName}): {f.Error.Message}");
        return new CniException(failures[0].Error.Code,
            $"{verb} {checkpoint.Plan.ContainerId}: {failures.Count} of {checkpoint.Plan.Attachments.Count} attachment(s) failed: {string.Join("; ", parts)}",
            "the checkpoint is kept so a retry can finish the teardown");
    }
}
