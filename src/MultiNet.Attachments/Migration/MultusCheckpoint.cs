using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Attachments.Checkpoints;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Planning;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Migration;

/// <summary>
/// Turns what Multus recorded into a MultiNet <see cref="Checkpoint"/> (never written to disk), so that the executor
/// that tears down MultiNet's own attachments tears down Multus's too, in reverse, each delegate with the config, CNI_ARGS,
/// capability args and <c>prevResult</c> it had.
/// </summary>
internal sealed class MultusCheckpoint
{
    private readonly MultiNetConfig _config;
    private readonly string _containerId;
    private readonly string? _clusterIfName;
    private readonly List<(MultusResultFile File, NetworkConfigList Config)> _results = [];

    /// <summary>
    /// <paramref name="clusterIfName"/> is CNI_IFNAME (null for GC); result files whose config cannot be parsed are left
    /// out and listed in <see cref="Problems"/>.
    /// </summary>
    public MultusCheckpoint(MultiNetConfig config, string containerId, string? clusterIfName, IEnumerable<MultusResultFile> results)
    {
        _config = config;
        _containerId = containerId;
        _clusterIfName = clusterIfName;
        foreach (var file in results)
        {
            NetworkConfigList parsed;
            try
            {
                parsed = ParseConfig(file.Config, $"multus result cache \"{file.Path}\": field \"config\"");
            }
            catch (CniException e)
            {
                Problems.Add(e.Message);
                continue;
            }

            _results.Add((UsableResult(file, parsed), parsed));
        }
    }

    /// <summary>Why a result file could not be used.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>From the scratch cache: entry i on <c>ifnameRequest</c>, else CNI_IFNAME for the first, else <c>net&lt;i&gt;</c>.</summary>
    public Checkpoint FromCache(IReadOnlyList<MultusCacheEntry> entries, string cachePath, IReadOnlyList<KeyValuePair<string, string>> args)
    {
        var attachments = new List<PlannedAttachment>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            NetworkConfigList list;
            try
            {
                list = ParseConfig(entry.Config, $"multus cache \"{cachePath}\": entry {i}: field \"Bytes\"");
            }
            catch (CniException e)
            {
                throw MultusCacheFile.Damaged(cachePath, $"entry {i}: field \"Bytes\": {e.Message}");
            }

            var ifName = entry.InterfaceRequest ?? (i == 0 ? ClusterIfName(list.Name) : $"net{i}");
            var name = entry.Name ?? list.Name;
            var attachment = new PlannedAttachment
            {
                NetworkName = name,
                IfName = ifName,
                IsClusterNetwork = i == 0,
                Config = list,
                CapabilityArgs = Requests(entry, i == 0),
                DeviceInfoFile = entry.DeviceId is null ? null
                    : Path.Combine(_config.DeviceInfoDir, "cni", $"{name.Replace('/', '-')}-{_containerId}_{ifName}"),
            };
            attachments.Add(attachment);
        }

        return Build(attachments, args);
    }

    /// <summary>
    /// Without a usable scratch cache: the attachments of <paramref name="plan"/> (the pod and NADs as the API has them
    /// now, or the cluster network alone), each replaced by its result file when one names its interface, then the
    /// result files no planned attachment matched, in the order they were written.
    /// </summary>
    public Checkpoint FromPlan(AttachmentPlan? plan, IReadOnlyList<KeyValuePair<string, string>> args) =>
        Build([.. plan?.Attachments ?? []], plan?.DelegateArgs ?? args);

    private Checkpoint Build(List<PlannedAttachment> planned, IReadOnlyList<KeyValuePair<string, string>> args)
    {
        var attachments = new List<PlannedAttachment>();
        var prevResults = new List<CniResult?>();
        var used = new HashSet<MultusResultFile>();
        foreach (var attachment in planned)
        {
            var match = _results.FirstOrDefault(r => r.File.IfName == attachment.IfName && r.File.NetworkName == attachment.Config.Name);
            match = match.File is null ? _results.FirstOrDefault(r => r.File.IfName == attachment.IfName) : match;
            if (match.File is not null && used.Add(match.File))
            {
                attachments.Add(FromResultFile(match, attachment));
                prevResults.Add(PrevResult(match));
            }
            else
            {
                attachments.Add(attachment);
                prevResults.Add(null);
            }
        }

        var unmatched = _results.Where(r => !used.Contains(r.File))
            .OrderBy(r => File.GetLastWriteTimeUtc(r.File.Path)).ThenBy(r => r.File.Path, StringComparer.Ordinal);
        foreach (var result in unmatched)
        {
            var attachment = FromResultFile(result, null);
            attachments.Insert(attachment.IsClusterNetwork ? 0 : attachments.Count, attachment);
            prevResults.Insert(attachment.IsClusterNetwork ? 0 : prevResults.Count, PrevResult(result));
        }

        var plan = new AttachmentPlan
        {
            ContainerId = _containerId,
            IfName = _clusterIfName ?? attachments.FirstOrDefault()?.IfName ?? "",
            DelegateArgs = args.Count > 0 ? args : _results.FirstOrDefault().File?.CniArgs ?? [],
            Attachments = attachments,
        };
        return new Checkpoint(plan, prevResults);
    }

    /// <summary>The attachment as libcni recorded it; <paramref name="known"/> keeps its network name and device file.</summary>
    private PlannedAttachment FromResultFile((MultusResultFile File, NetworkConfigList Config) result, PlannedAttachment? known) => new()
    {
        NetworkName = known?.NetworkName ?? result.File.NetworkName,
        IfName = result.File.IfName,
        IsClusterNetwork = known?.IsClusterNetwork ?? result.File.IfName == _clusterIfName,
        Config = result.Config,
        CapabilityArgs = (JsonObject)result.File.CapabilityArgs.DeepClone(),
        Args = result.File.CniArgs.Count > 0 ? result.File.CniArgs : null,
        DeviceInfoFile = known?.DeviceInfoFile,
    };

    /// <summary>
    /// The file as it is, or without its <c>result</c> when that cannot be read: the delegate's DEL then gets no
    /// prevResult (as libcni gives none when its cache is unusable) rather than the whole teardown failing on every retry.
    /// </summary>
    private MultusResultFile UsableResult(MultusResultFile file, NetworkConfigList config)
    {
        if (file.Result is not { } json)
        {
            return file;
        }

        try
        {
            ResultConverter.Parse(json, config.CniVersion);
            return file;
        }
        catch (CniException e)
        {
            Problems.Add($"multus result cache \"{file.Path}\": field \"result\": {e.Message}; its delegate's DEL gets no prevResult");
            return file with { Result = null };
        }
    }

    private static CniResult? PrevResult((MultusResultFile File, NetworkConfigList Config) result) =>
        result.File.Result is { } json ? ResultConverter.Parse(json, result.Config.CniVersion) : null;

    /// <summary>The cluster network's interface: CNI_IFNAME, or (GC has none) the one its result file names.</summary>
    private string ClusterIfName(string networkName) =>
        _clusterIfName ?? _results.FirstOrDefault(r => r.File.NetworkName == networkName).File?.IfName ?? "eth0";

    /// <summary>What Multus offered the delegate as capability args when no result file says it exactly.</summary>
    private JsonObject Requests(MultusCacheEntry entry, bool isCluster)
    {
        var args = isCluster && _config.RuntimeConfig is not null ? (JsonObject)_config.RuntimeConfig.DeepClone() : [];
        if (entry.MacRequest is not null)
        {
            args["mac"] = entry.MacRequest;
        }

        if (entry.IpRequest.Count > 0)
        {
            args["ips"] = new JsonArray([.. entry.IpRequest.Select(ip => (JsonNode?)JsonValue.Create(ip))]);
        }

        if (entry.InfinibandGuidRequest is not null)
        {
            args["infinibandGUID"] = entry.InfinibandGuidRequest;
        }

        if (entry.DeviceId is not null)
        {
            args["deviceID"] = entry.DeviceId;
        }

        return args;
    }

    /// <summary>A config Multus ran; a conflist without <c>cniVersion</c> got Multus's own, which is now ours.</summary>
    private NetworkConfigList ParseConfig(byte[] bytes, string what)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(bytes) as JsonObject ?? throw new CniException(CniErrorCode.DecodeFailure, $"{what}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.DecodeFailure, $"{what}: not valid JSON ({e.Message})");
        }

        if (obj["cniVersion"] is null && obj["cniVersions"] is null)
        {
            obj["cniVersion"] = _config.CniVersion;
        }

        return NetworkConfigList.Parse(obj);
    }
}
