using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Execution;

/// <summary>
/// Step "run": runs each attachment's delegates in order, checkpointing each result; on failure tears down what was
/// added, in reverse, and reports the first error. DEL tries every attachment and combines the errors.
/// </summary>
internal sealed class AttachmentExecutor(ConflistRunner runner, CheckpointStore store, MultiNetConfig config, ILogger logger)
{
    /// <summary>ADD of every attachment; the checkpoint gets each result as soon as it exists.</summary>
    public async Task AddAllAsync(Checkpoint checkpoint, CniEnvironment env, CancellationToken ct)
    {
        var plan = checkpoint.Plan;
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            var attachment = plan.Attachments[i];
            var started = Stopwatch.GetTimestamp();
            var added = false;
            try
            {
                DeviceInfoFiles.Prepare(attachment);
                var invocation = DelegateInvocations.For(config, env, plan, attachment);
                checkpoint.Results[i] = await runner.AddAsync(attachment.Config, invocation, CapabilityArgs(attachment), ct).ConfigureAwait(false);
                added = true;
                // The plan was written durably before any delegate ran, so DEL can always undo everything; a result
                // only adds prevResult for DEL, so it is written atomically but without waiting for the disk.
                store.Write(checkpoint, flushToDisk: false);
                EngineLog.Attached(logger, plan.ContainerId, attachment.NetworkName, attachment.IfName,
                    Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2));
            }
            catch (Exception e) when (e is CniException or IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                var error = e as CniException ?? new CniException(CniErrorCode.Internal, e.Message, null, e);
                EngineLog.AttachFailed(logger, plan.ContainerId, attachment.NetworkName, attachment.IfName, error.Message);
                // A failed list has already been undone by the runner (its plugins in reverse); running DEL on it
                // again would fail the same way (e.g. a plugin that cannot be found) and keep the checkpoint forever.
                if (!added)
                {
                    DeviceInfoFiles.Remove(attachment);
                }

                await RollbackAsync(checkpoint, env, added ? i : i - 1).ConfigureAwait(false);
                throw error.WithContext($"network \"{attachment.NetworkName}\" (interface {attachment.IfName})");
            }
        }
    }

    /// <summary>Undoes attachments <paramref name="last"/>..0; the checkpoint goes only when all of them were undone.</summary>
    public async Task RollbackAsync(Checkpoint checkpoint, CniEnvironment env, int last)
    {
        // Rollback must finish even when the request was cancelled: a half-undone pod leaks addresses.
        var failures = await DeleteAsync(checkpoint, env, last, CancellationToken.None).ConfigureAwait(false);
        foreach (var (index, error) in failures)
        {
            var a = checkpoint.Plan.Attachments[index];
            EngineLog.RollbackFailed(logger, checkpoint.Plan.ContainerId, a.NetworkName, a.IfName, error.Message);
        }

        if (failures.Count == 0)
        {
            store.Delete(checkpoint.Plan.ContainerId);
        }
    }

    /// <summary>DEL of attachments <paramref name="last"/>..0 in reverse; returns the failures (position, error).</summary>
    public async Task<List<(int Index, CniException Error)>> DeleteAsync(Checkpoint checkpoint, CniEnvironment env, int last, CancellationToken ct)
    {
        var plan = checkpoint.Plan;
        var failures = new List<(int, CniException)>();
        for (var i = Math.Min(last, plan.Attachments.Count - 1); i >= 0; i--)
        {
            var attachment = plan.Attachments[i];
            var invocation = DelegateInvocations.For(config, env, plan, attachment);
            if (checkpoint.Results[i] is null && UnrunnablePlugin(attachment, invocation) is { } reason)
            {
                // Its ADD failed before the plugin could start (a rollback that failed elsewhere kept the checkpoint):
                // nothing of it exists, and retrying a plugin that cannot run would fail this DEL forever.
                EngineLog.DetachSkipped(logger, plan.ContainerId, attachment.NetworkName, attachment.IfName, reason);
                DeviceInfoFiles.Remove(attachment);
                continue;
            }

            try
            {
                await runner.DelAsync(attachment.Config, invocation, CapabilityArgs(attachment), checkpoint.Results[i], ct).ConfigureAwait(false);
                DeviceInfoFiles.Remove(attachment);
                EngineLog.DetachedOne(logger, plan.ContainerId, attachment.NetworkName, attachment.IfName);
            }
            catch (CniException e)
            {
                EngineLog.DetachFailed(logger, plan.ContainerId, attachment.NetworkName, attachment.IfName, e.Message);
                failures.Add((i, e));
            }
        }

        return failures;
    }

    /// <summary>CHECK of every attachment in order; the first failure is returned as the error.</summary>
    public async Task CheckAllAsync(Checkpoint checkpoint, CniEnvironment env, CancellationToken ct)
    {
        var plan = checkpoint.Plan;
        for (var i = 0; i < plan.Attachments.Count; i++)
        {
            var attachment = plan.Attachments[i];
            var result = checkpoint.Results[i] ?? throw new CniException(CniErrorCode.UnknownContainer,
                $"network \"{attachment.NetworkName}\" (interface {attachment.IfName}): no ADD result recorded");
            try
            {
                await runner.CheckAsync(attachment.Config, DelegateInvocations.For(config, env, plan, attachment),
                    CapabilityArgs(attachment), result, ct).ConfigureAwait(false);
            }
            catch (CniException e)
            {
                throw e.WithContext($"network \"{attachment.NetworkName}\" (interface {attachment.IfName})");
            }
        }
    }

    /// <summary>Why a plugin of the attachment's list cannot be run (no such binary, a refused type), or null.</summary>
    private string? UnrunnablePlugin(PlannedAttachment attachment, DelegateInvocation invocation)
    {
        var locator = runner.Locator(invocation.PluginDirs);
        foreach (var plugin in attachment.Config.Plugins)
        {
            try
            {
                locator.Find(plugin["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : "");
            }
            catch (CniException e)
            {
                return e.Message;
            }
        }

        return null;
    }

    private static Dictionary<string, JsonNode?> CapabilityArgs(PlannedAttachment attachment) =>
        attachment.CapabilityArgs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
