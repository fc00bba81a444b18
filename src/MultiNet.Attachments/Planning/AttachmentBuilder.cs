using System.Text.Json.Nodes;
using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Config;
using MultiNet.Cni.Protocol;
using MultiNet.NetworkPlumbing.Selection;

namespace MultiNet.Attachments.Planning;

/// <summary>
/// Turns a resolved network and the pod's selection into a planned attachment: capability arguments, <c>args.cni</c>,
/// device ids. The runtime's own runtimeConfig goes to the cluster network only (NPWG §7.5).
/// </summary>
internal static class AttachmentBuilder
{
    // Capabilities the spec says must fail the attachment when no plugin declares them.
    private static readonly string[] Required = ["ips", "mac", "portMappings", "bandwidth", "infinibandGUID"];

    public static PlannedAttachment Build(MultiNetConfig config, string containerId, NetworkRequest request, bool isCluster,
        string ifName, string? deviceId)
    {
        var network = request.Network;
        var selection = request.Selection;
        var capabilityArgs = isCluster && config.RuntimeConfig is not null
            ? (JsonObject)config.RuntimeConfig.DeepClone()
            : [];
        if (selection is not null)
        {
            AddSelectionArgs(capabilityArgs, selection);
            RequireDeclared(network, capabilityArgs);
        }

        string? deviceInfoFile = null;
        string? devicePluginFile = null;
        if (deviceId is not null)
        {
            capabilityArgs["deviceID"] = deviceId;
            deviceInfoFile = Path.Combine(config.DeviceInfoDir, "cni",
                $"{network.StatusName.Replace('/', '-')}-{containerId}_{ifName}");
            capabilityArgs["CNIDeviceInfoFile"] = deviceInfoFile;
            if (network.Definition?.ResourceName is { Length: > 0 } resource)
            {
                devicePluginFile = Path.Combine(config.DeviceInfoDir, "dp",
                    $"{resource.Replace('/', '-')}-{deviceId.Replace('/', '-')}-device.json");
            }
        }

        return new PlannedAttachment
        {
            NetworkName = network.StatusName,
            IfName = ifName,
            IsClusterNetwork = isCluster,
            Config = InjectIntoPlugins(network.Config, selection?.CniArgs, deviceId),
            CapabilityArgs = capabilityArgs,
            DefaultRouteGateways = selection?.DefaultRoute ?? [],
            DeviceInfoFile = deviceInfoFile,
            DevicePluginInfoFile = devicePluginFile,
        };
    }

    private static void AddSelectionArgs(JsonObject args, NetworkSelectionElement selection)
    {
        if (selection.Ips is { Count: > 0 } ips)
        {
            args["ips"] = new JsonArray([.. ips.Select(ip => (JsonNode?)JsonValue.Create(ip))]);
        }

        if (selection.Mac is not null)
        {
            args["mac"] = selection.Mac;
        }

        if (selection.InfinibandGuid is not null)
        {
            args["infinibandGUID"] = selection.InfinibandGuid;
        }

        if (selection.PortMappings is { Count: > 0 } ports)
        {
            var array = new JsonArray();
            foreach (var p in ports)
            {
                var entry = new JsonObject { ["hostPort"] = p.HostPort, ["containerPort"] = p.ContainerPort, ["protocol"] = p.Protocol };
                if (p.HostIp is not null)
                {
                    entry["hostIP"] = p.HostIp;
                }

                array.Add((JsonNode)entry);
            }

            args["portMappings"] = array;
        }

        if (selection.Bandwidth is { } bw)
        {
            var entry = new JsonObject();
            AddIfSet(entry, "ingressRate", bw.IngressRate);
            AddIfSet(entry, "ingressBurst", bw.IngressBurst);
            AddIfSet(entry, "egressRate", bw.EgressRate);
            AddIfSet(entry, "egressBurst", bw.EgressBurst);
            args["bandwidth"] = entry;
        }
    }

    private static void AddIfSet(JsonObject obj, string key, long? value)
    {
        if (value is { } v)
        {
            obj[key] = v;
        }
    }

    private static void RequireDeclared(ResolvedNetwork network, JsonObject args)
    {
        var declared = PluginRequestBuilder.UnionCapabilities(network.Config);
        foreach (var capability in Required)
        {
            if (args.ContainsKey(capability) && !declared.Contains(capability))
            {
                throw new CniException(CniErrorCode.CapabilityNotDeclared,
                    $"network \"{network.StatusName}\": the pod asks for \"{capability}\" but no plugin of this network declares the \"{capability}\" capability",
                    $"add \"capabilities\": {{\"{capability}\": true}} to a plugin that supports it, or remove the request from the pod's annotation");
            }
        }
    }

    private static NetworkConfigList InjectIntoPlugins(NetworkConfigList list, JsonObject? cniArgs, string? deviceId)
    {
        if (cniArgs is null && deviceId is null)
        {
            return list;
        }

        var plugins = new List<JsonObject>(list.Plugins.Count);
        foreach (var original in list.Plugins)
        {
            var plugin = (JsonObject)original.DeepClone();
            if (cniArgs is not null)
            {
                if (plugin["args"] is not JsonObject args)
                {
                    args = [];
                    plugin["args"] = args;
                }

                if (args["cni"] is not JsonObject cni)
                {
                    cni = [];
                    args["cni"] = cni;
                }

                // The pod's cni-args win over the NAD's own args.cni (NPWG: annotation over config).
                foreach (var (key, value) in cniArgs)
                {
                    cni[key] = value?.DeepClone();
                }
            }

            if (deviceId is not null)
            {
                plugin["deviceID"] = deviceId;
                plugin["pciBusID"] = deviceId;
            }

            plugins.Add(plugin);
        }

        return list with { Plugins = plugins };
    }
}
