using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Cluster;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Migration;

/// <summary>
/// DEL, CHECK and GC of a container Multus attached before the node switched: its attachments as a checkpoint built
/// from Multus's scratch cache and libcni's result files. Without a usable scratch cache (missing, cut short, not JSON,
/// an entry without <c>Bytes</c>) DEL falls back, as Multus does, to the pod and NADs in the API (or the cluster network
/// alone), each attachment taking its result file's exact config when one names its interface.
/// </summary>
internal sealed class MultusAttachments(MultiNetConfig config, ClusterAccess cluster, ILogger logger)
{
    /// <summary>For DEL: null when Multus left nothing for the container.</summary>
    public async Task<RecordedAttachments?> ForDelAsync(CniEnvironment env, CancellationToken ct)
    {
        var found = MultusContainer.Find(config, env.ContainerId!);
        if (found is null)
        {
            return null;
        }

        var args = PodContextLoader.FromArgs(env).DelegateArgs;
        var converter = Converter(found, env.IfName, "DEL");
        if (TryFromCache(found, converter, args, "DEL") is { } cached)
        {
            return Recorded(found, cached, "DEL", found.CachePath!);
        }

        var planned = converter.FromPlan(await FallbackPlanAsync(env, ct).ConfigureAwait(false), args);
        return Recorded(found, planned, "DEL", $"the API and {MultusResultFile.Folder(found.CniDir)}");
    }

    /// <summary>For CHECK: no fallback (there is nothing to compare with); a damaged cache is the error.</summary>
    public RecordedAttachments? ForCheck(CniEnvironment env)
    {
        var found = MultusContainer.Find(config, env.ContainerId!);
        if (found?.CachePath is null)
        {
            return null;
        }

        var converter = Converter(found, env.IfName, "CHECK");
        var checkpoint = converter.FromCache(MultusCacheFile.Read(found.CachePath), found.CachePath, PodContextLoader.FromArgs(env).DelegateArgs);
        return Recorded(found, checkpoint, "CHECK", found.CachePath);
    }

    /// <summary>For GC (no pod, no CNI_IFNAME): from the scratch cache, else from the result files alone.</summary>
    public RecordedAttachments? ForGc(string containerId)
    {
        var found = MultusContainer.Find(config, containerId);
        if (found is null)
        {
            return null;
        }

        MultusLog.StaleContainer(logger, containerId);
        var converter = Converter(found, null, "GC");
        if (TryFromCache(found, converter, [], "GC") is { } cached)
        {
            return Recorded(found, cached, "GC", found.CachePath!);
        }

        var fromResults = converter.FromPlan(null, []);
        if (fromResults.Plan.Attachments.Count == 0)
        {
            // Nothing says this file is Multus's: GC, unlike the DEL of the container it names, leaves it alone.
            MultusLog.GcLeftAlone(logger, containerId);
            return null;
        }

        return Recorded(found, fromResults, "GC", MultusResultFile.Folder(found.CniDir));
    }

    /// <summary>Containers with Multus files that neither the runtime lists nor MultiNet has a checkpoint for.</summary>
    public IEnumerable<string> StaleContainerIds(IReadOnlySet<string> valid, IReadOnlyCollection<string> own) =>
        MultusContainer.ListContainerIds(config).Where(id => !valid.Contains(id) && !own.Contains(id)).Order(StringComparer.Ordinal);

    private MultusCheckpoint Converter(MultusContainer found, string? ifName, string verb)
    {
        var results = new List<MultusResultFile>();
        foreach (var path in found.ResultPaths)
        {
            try
            {
                var file = MultusResultFile.Read(path);
                if (file.ContainerId == found.ContainerId)
                {
                    results.Add(file);
                }
            }
            catch (CniException e)
            {
                MultusLog.ResultFileUnusable(logger, verb, found.ContainerId, e.Message);
            }
        }

        var converter = new MultusCheckpoint(config, found.ContainerId, ifName, results);
        foreach (var problem in converter.Problems)
        {
            MultusLog.ResultFileUnusable(logger, verb, found.ContainerId, problem);
        }

        return converter;
    }

    private Checkpoint? TryFromCache(MultusContainer found, MultusCheckpoint converter, IReadOnlyList<KeyValuePair<string, string>> args, string verb)
    {
        var fallback = verb == "GC" ? "libcni's result files" : "the pod and NADs in the API and libcni's result files";
        if (found.CachePath is null)
        {
            MultusLog.CacheDamaged(logger, verb, found.ContainerId, $"multus cache \"{Path.Combine(found.CniDir, found.ContainerId)}\" does not exist", fallback);
            return null;
        }

        try
        {
            return converter.FromCache(MultusCacheFile.Read(found.CachePath), found.CachePath, args);
        }
        catch (CniException e)
        {
            MultusLog.CacheDamaged(logger, verb, found.ContainerId, e.Message, fallback);
            return null;
        }
    }

    /// <summary>Multus's fallback: the pod's networks as the API has them now; failing that, the cluster network alone.</summary>
    private async Task<AttachmentPlan?> FallbackPlanAsync(CniEnvironment env, CancellationToken ct)
    {
        var planner = new AttachmentPlanner(config, cluster, new NetworkResolver(config, cluster.Networks));
        var pod = PodContextLoader.FromArgs(env);
        try
        {
            pod = await new PodContextLoader(cluster.Pods).LoadForAddAsync(env, ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            MultusLog.FallbackStep(logger, env.ContainerId!, $"no pod from the API: {e.Message}");
        }

        if (pod.Pod is null)
        {
            MultusLog.FallbackStep(logger, env.ContainerId!, "the pod is not in the API (or there is no API); the cluster network alone");
        }
        else
        {
            try
            {
                return await planner.PlanAsync(env, pod, ct).ConfigureAwait(false);
            }
            catch (CniException e)
            {
                MultusLog.FallbackStep(logger, env.ContainerId!, $"the pod's networks cannot be planned ({e.Message}); the cluster network alone");
            }
        }

        try
        {
            return await planner.PlanAsync(env, pod with { Pod = null }, ct).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            MultusLog.FallbackStep(logger, env.ContainerId!, $"the cluster network cannot be planned either ({e.Message}); result files only");
            return null;
        }
    }

    private RecordedAttachments Recorded(MultusContainer found, Checkpoint checkpoint, string verb, string source)
    {
        if (checkpoint.Plan.Attachments.Count == 0)
        {
            MultusLog.NothingFreed(logger, verb, found.ContainerId);
        }
        else
        {
            MultusLog.FromMultus(logger, verb, found.ContainerId, checkpoint.Plan.Attachments.Count, source);
        }

        return new RecordedAttachments(checkpoint, () =>
        {
            found.Remove();
            MultusLog.FilesRemoved(logger, verb, found.ContainerId, string.Join(", ", found.ResultPaths.Append(found.CachePath).OfType<string>()));
        });
    }
}
