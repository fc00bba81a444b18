using System.Text;
using System.Text.Json.Nodes;
using MultiNet.Cni.Config;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Results;

namespace MultiNet.Testing.Node;

/// <summary>
/// What Multus v4 leaves on a node for one pod, made the way Multus makes it (Multus cannot run here): each delegate run
/// for real with the CNI environment Multus gives it, then the scratch cache <c>&lt;cniDir&gt;/&lt;containerID&gt;</c> (a
/// JSON array, cluster network first, the exact config base64 in <c>Bytes</c>) and libcni's result cache
/// <c>&lt;cniDir&gt;/results/&lt;network&gt;-&lt;containerID&gt;-&lt;ifName&gt;</c> (kind <c>cniCacheV1</c>).
/// </summary>
public sealed class MultusNode(string cniDir, string containerId, string netnsPath, string podNamespace, string podName, string podUid)
{
    private readonly ConflistRunner _runner = new(new PluginProcessRunner());
    private readonly JsonArray _entries = [];

    public string CniDir { get; } = cniDir;

    /// <summary>Where the delegates are found (Multus's binDir, then CNI_PATH).</summary>
    public IReadOnlyList<string> PluginDirs { get; init; } = [RepoLayout.ReferencePlugins];

    public string CachePath => Path.Combine(CniDir, containerId);

    public string ResultsDir => Path.Combine(CniDir, "results");

    /// <summary>The interface names Multus gave, in attachment order.</summary>
    public List<string> Interfaces { get; } = [];

    /// <summary>
    /// Attaches one delegate as Multus does: interface <paramref name="interfaceRequest"/>, else <paramref name="clusterIfName"/>
    /// for the first, else <c>net&lt;index&gt;</c>; CNI_ARGS with the pod's keys (plus <c>IP=</c> for static IPs, Multus's
    /// deprecated path); capability args for the requests. <paramref name="name"/> is the entry's <c>Name</c>
    /// (<c>namespace/name</c> for a NAD).
    /// </summary>
    public async Task AttachAsync(JsonObject config, string name, string? interfaceRequest = null, IReadOnlyList<string>? ips = null,
        string clusterIfName = "eth0")
    {
        var index = _entries.Count;
        var ifName = interfaceRequest ?? (index == 0 ? clusterIfName : $"net{index}");
        var bytes = Encoding.UTF8.GetBytes(config.ToJsonString());
        var list = NetworkConfigList.Parse(config);
        var args = new List<KeyValuePair<string, string>>
        {
            new("IgnoreUnknown", "true"), new("K8S_POD_NAMESPACE", podNamespace), new("K8S_POD_NAME", podName),
            new("K8S_POD_INFRA_CONTAINER_ID", containerId), new("K8S_POD_UID", podUid),
        };
        var capabilityArgs = new JsonObject();
        if (ips is { Count: > 0 })
        {
            args.Add(new("IP", string.Join(",", ips)));
            capabilityArgs["ips"] = new JsonArray([.. ips.Select(ip => (JsonNode?)JsonValue.Create(ip))]);
        }

        var entry = new JsonObject
        {
            ["Conf"] = list.IsSingleConf ? config.DeepClone() : new JsonObject(),
            ["ConfList"] = list.IsSingleConf ? new JsonObject() : config.DeepClone(),
            ["Name"] = name,
            ["IsFilterV4Gateway"] = false,
            ["IsFilterV6Gateway"] = false,
            ["Bytes"] = Convert.ToBase64String(bytes),
        };
        if (interfaceRequest is not null)
        {
            entry["ifnameRequest"] = interfaceRequest;
        }

        if (ips is { Count: > 0 })
        {
            entry["ipRequest"] = new JsonArray([.. ips.Select(ip => (JsonNode?)JsonValue.Create(ip))]);
        }

        _entries.Add((JsonNode)entry);
        Interfaces.Add(ifName);
        var invocation = new DelegateInvocation
        {
            ContainerId = containerId, NetNs = netnsPath, IfName = ifName, Args = args, PluginDirs = PluginDirs,
        };
        var caps = capabilityArgs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var result = await _runner.AddAsync(list, invocation, caps, CancellationToken.None);
        WriteCache();
        Directory.CreateDirectory(ResultsDir);
        var cache = new JsonObject
        {
            ["kind"] = "cniCacheV1",
            ["containerId"] = containerId,
            ["config"] = Convert.ToBase64String(bytes),
            ["ifName"] = ifName,
            ["networkName"] = list.Name,
            ["cniArgs"] = new JsonArray([.. args.Select(a => (JsonNode?)new JsonArray(a.Key, a.Value))]),
            ["capabilityArgs"] = capabilityArgs,
            ["result"] = ResultConverter.ToJson(result, list.CniVersion),
        };
        await File.WriteAllTextAsync(Path.Combine(ResultsDir, $"{list.Name}-{containerId}-{ifName}"), cache.ToJsonString());
    }

    /// <summary>Every file Multus has for this pod (scratch cache and result files).</summary>
    public IReadOnlyList<string> Files() =>
        [.. new[] { CachePath }.Where(File.Exists)
            .Concat(Directory.Exists(ResultsDir) ? Directory.EnumerateFiles(ResultsDir, $"*-{containerId}-*") : [])];

    /// <summary>Overwrites the scratch cache (to damage it).</summary>
    public void OverwriteCache(string text) => File.WriteAllText(CachePath, text);

    /// <summary>The scratch cache as Multus wrote it.</summary>
    public string CacheText => File.ReadAllText(CachePath);

    private void WriteCache()
    {
        Directory.CreateDirectory(CniDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(CachePath, _entries.ToJsonString());
        File.SetUnixFileMode(CachePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
