using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Executes a network configuration list the way the CNI spec tells a runtime to: ADD in order with
/// <c>prevResult</c> chaining and rollback, DEL in reverse, CHECK forward, STATUS and GC (1.1.0).
/// </summary>
public sealed class ConflistRunner
{
    private readonly PluginProcessRunner _runner;

    /// <summary>Creates a list runner over a plugin process runner.</summary>
    public ConflistRunner(PluginProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
    }

    /// <summary>A locator over <paramref name="dirs"/> that searches where this runner's plugins run.</summary>
    public PluginLocator Locator(IReadOnlyList<string> dirs) => _runner.Locator(dirs);

    /// <summary>
    /// ADD every plugin in order, each given the previous result; returns the last result printed. When a plugin
    /// fails, the plugins already called and the failed one get DEL in reverse (their errors ignored) and the
    /// original error is thrown.
    /// </summary>
    public async Task<CniResult> AddAsync(
        NetworkConfigList list,
        DelegateInvocation inv,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inv);
        CniResult? result = null;
        for (var i = 0; i < list.Plugins.Count; i++)
        {
            var index = i;
            var call = new PluginCall(_runner, list, index, CniCommand.Add);
            var prev = result;
            try
            {
                var stdout = await call.RunAsync(inv, () => PluginRequestBuilder.Build(list, index, capabilityArgs, prev), ct)
                    .ConfigureAwait(false);
                result = call.ParseResult(stdout) ?? result;
            }
            catch (Exception e) when (e is CniException or OperationCanceledException)
            {
                await RollbackAsync(list, index, inv, capabilityArgs, result).ConfigureAwait(false);
                throw;
            }
        }

        return result ?? new CniResult { CniVersion = list.CniVersion };
    }

    /// <summary>
    /// DEL every plugin in reverse, with <paramref name="prevResult"/> for lists of 0.4.0 and later. Every plugin
    /// runs even when one fails; the failures come out as one error with the first failure's code.
    /// </summary>
    public async Task DelAsync(
        NetworkConfigList list,
        DelegateInvocation inv,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CniResult? prevResult,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inv);
        var errors = await DelRangeAsync(list, list.Plugins.Count - 1, inv, capabilityArgs, prevResult, ct).ConfigureAwait(false);
        ThrowIfAny(errors, "DEL");
    }

    /// <summary>
    /// CHECK every plugin in order against <paramref name="prevResult"/>; stops at the first failure. Needs a
    /// list of 0.4.0 or later (else code 1); does nothing when the list sets <c>disableCheck</c>.
    /// </summary>
    public async Task CheckAsync(
        NetworkConfigList list,
        DelegateInvocation inv,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CniResult prevResult,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inv);
        ArgumentNullException.ThrowIfNull(prevResult);
        if (!CniVersions.AtLeast(list.CniVersion, "0.4.0"))
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"network \"{list.Name}\": cniVersion \"{list.CniVersion}\" does not support CHECK (needs 0.4.0 or later)");
        }

        if (list.DisableCheck)
        {
            return;
        }

        for (var i = 0; i < list.Plugins.Count; i++)
        {
            var index = i;
            await new PluginCall(_runner, list, i, CniCommand.Check)
                .RunAsync(inv, () => PluginRequestBuilder.Build(list, index, capabilityArgs, prevResult), ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>STATUS every plugin in order, stopping at the first failure; a no-op below 1.1.0.</summary>
    public async Task StatusAsync(NetworkConfigList list, DelegateInvocation inv, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inv);
        if (!CniVersions.AtLeast(list.CniVersion, "1.1.0"))
        {
            return;
        }

        var bare = WithoutAttachment(inv);
        for (var i = 0; i < list.Plugins.Count; i++)
        {
            var index = i;
            await new PluginCall(_runner, list, i, CniCommand.Status)
                .RunAsync(bare, () => PluginRequestBuilder.Build(list, index, null, null), ct)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// GC every plugin with the attachments still valid (as both <c>cni.dev/valid-attachments</c> and the
    /// spec-v1.1.0 tag's <c>cni.dev/attachments</c>); runs every plugin and reports all failures as one error.
    /// A no-op below 1.1.0 or when the list sets <c>disableGC</c>.
    /// </summary>
    public async Task GcAsync(
        NetworkConfigList list,
        DelegateInvocation inv,
        IReadOnlyList<(string ContainerId, string IfName)> validAttachments,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inv);
        ArgumentNullException.ThrowIfNull(validAttachments);
        if (!CniVersions.AtLeast(list.CniVersion, "1.1.0") || list.DisableGc)
        {
            return;
        }

        var bare = WithoutAttachment(inv);
        var errors = new List<CniException>();
        for (var i = 0; i < list.Plugins.Count; i++)
        {
            var index = i;
            try
            {
                await new PluginCall(_runner, list, i, CniCommand.Gc)
                    .RunAsync(bare, () => BuildGcRequest(list, index, validAttachments), ct)
                    .ConfigureAwait(false);
            }
            catch (CniException e)
            {
                errors.Add(e);
            }
        }

        ThrowIfAny(errors, "GC");
    }

    private async Task RollbackAsync(
        NetworkConfigList list,
        int failedIndex,
        DelegateInvocation inv,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CniResult? result)
    {
        // The caller's token may be what failed the ADD; the cleanup still has to run (each plugin has its timeout).
        _ = await DelRangeAsync(list, failedIndex, inv, capabilityArgs, result, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<List<CniException>> DelRangeAsync(
        NetworkConfigList list,
        int lastIndex,
        DelegateInvocation inv,
        IReadOnlyDictionary<string, JsonNode?>? capabilityArgs,
        CniResult? prevResult,
        CancellationToken ct)
    {
        var prev = CniVersions.AtLeast(list.CniVersion, "0.4.0") ? prevResult : null;
        var errors = new List<CniException>();
        for (var i = lastIndex; i >= 0; i--)
        {
            var index = i;
            try
            {
                await new PluginCall(_runner, list, i, CniCommand.Del)
                    .RunAsync(inv, () => PluginRequestBuilder.Build(list, index, capabilityArgs, prev), ct)
                    .ConfigureAwait(false);
            }
            catch (CniException e)
            {
                errors.Add(e);
            }
        }

        return errors;
    }

    private static JsonObject BuildGcRequest(
        NetworkConfigList list,
        int index,
        IReadOnlyList<(string ContainerId, string IfName)> validAttachments)
    {
        var request = PluginRequestBuilder.Build(list, index, null, null);
        JsonArray Attachments() => [.. validAttachments.Select(a => (JsonNode)new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName })];
        request["cni.dev/valid-attachments"] = Attachments();
        request["cni.dev/attachments"] = Attachments();
        return request;
    }

    private static DelegateInvocation WithoutAttachment(DelegateInvocation inv) =>
        inv with { ContainerId = string.Empty, IfName = string.Empty, NetNs = null, Args = [] };

    private static void ThrowIfAny(List<CniException> errors, string command)
    {
        if (errors.Count == 1)
        {
            throw errors[0];
        }

        if (errors.Count > 1)
        {
            throw new CniException(
                errors[0].Code,
                $"{command} failed for {errors.Count} plugins: {string.Join("; ", errors.Select(e => e.Message))}",
                string.Join("\n", errors.Where(e => e.Details is not null).Select(e => e.Details)) is { Length: > 0 } d ? d : null,
                errors[0]);
        }
    }
}
