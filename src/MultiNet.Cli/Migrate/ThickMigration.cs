using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiNet.Cli.Migrate;

/// <summary>
/// Thick Multus's <c>daemon-config.json</c> into multinetd's <c>daemon.json</c> (docs/thick-mode.md): the daemon's own keys,
/// and a <c>cniConfig</c> block for the generated <c>00-multinet.conflist</c> whose <c>pluginKeys</c> carry the plugin keys
/// Multus laid over every request.
/// </summary>
internal sealed class ThickMigration
{
    private const string DefaultConfDir = "/etc/cni/net.d";

    // deploy/thick's TCP listener for /metrics and the kubelet's probes.
    private const string ProbeAddress = "0.0.0.0:9595";

    // Where deploy/thick mounts the host's / (its daemon.json's chrootDir, as in Multus's DaemonSet).
    private const string DeployedHostRoot = "/hostroot";

    // Keys this class handles; every other key is a plugin key Multus laid over each request.
    private static readonly HashSet<string> DaemonKeys = new(StringComparer.Ordinal)
    {
        "chrootDir", "socketDir", "metricsPort", "enablePprof", "perNodeCertificate", "connectionLimit", "cniVersion", "forceCNIVersion",
        "cniConfigDir", "multusAutoconfigDir", "multusConfigFile", "multusMasterCNI", "overrideNetworkName", "name", "type",
        "readinessindicatorfile", "kubeconfig", "capabilities", "clusterNetwork", "delegates", "daemonSocketDir",
        "logFile", "logOptions",
    };

    private readonly JsonObject _multus;
    private readonly FindingList _findings = new();
    private readonly HostPaths _paths;
    private readonly JsonObject _daemon = new() { ["socketDir"] = "/run/multinet", ["metricsAddress"] = ProbeAddress };
    private readonly JsonObject _cniConfig = new();

    private ThickMigration(JsonObject multus, IReadOnlyList<string> hostPrefixes)
    {
        _multus = multus;
        _paths = new HostPaths(hostPrefixes, _findings);
    }

    /// <summary>The daemon.json and the findings.</summary>
    public static MigrationResult Convert(JsonObject multus, IReadOnlyList<string> hostPrefixes)
    {
        var migration = new ThickMigration(multus, hostPrefixes);
        return new MigrationResult(MultusShape.DaemonConfig, migration.Build(), migration._findings.Items);
    }

    private JsonObject Build()
    {
        var confDir = PathOf("cniConfigDir") ?? DefaultConfDir;
        _cniConfig["confDir"] = confDir;
        Primary(confDir);
        if (PathOf("readinessindicatorfile") is { } readiness)
        {
            _cniConfig["readinessIndicatorFile"] = readiness;
            _findings.Changed("readinessindicatorfile", "becomes cniConfig.readinessIndicatorFile: multinetd writes the generated config only while the file exists and is not ready otherwise (Multus's daemon waited 45 s for it at start, then exited, and exited again when it was removed)");
        }

        if (Text("name") is { } name)
        {
            _cniConfig["networkName"] = name;
        }

        _cniConfig["removeOnExit"] = "uninstall";
        var pluginKeys = new JsonObject();
        new PluginKeyMigration(_findings, _paths, clusterNetworkSet: true).CopyInto(_multus, pluginKeys, DaemonKeys);
        _cniConfig["pluginKeys"] = pluginKeys;
        DaemonOnly();
        Logging();
        _daemon["cniConfig"] = _cniConfig;
        return _daemon;
    }

    private void Primary(string confDir)
    {
        var autoconfigDir = PathOf("multusAutoconfigDir");
        var master = Text("multusMasterCNI");
        if (master is not null)
        {
            _cniConfig["primaryConfig"] = autoconfigDir is null || autoconfigDir == confDir ? master : Path.Join(autoconfigDir, master);
        }
        else if (autoconfigDir is not null && autoconfigDir != confDir)
        {
            _findings.NotCarriedOver("multusAutoconfigDir", $"multinetd looks for the primary config in the folder it writes to (cniConfig.confDir \"{confDir}\"), not in \"{autoconfigDir}\"; set cniConfig.primaryConfig to the absolute path of the primary config");
        }

        switch (_multus["multusConfigFile"])
        {
            case null:
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "auto":
                _findings.NotNeeded("multusConfigFile", "multinetd always generates its config (00-multinet.conflist) in cniConfig.confDir from the primary config, as \"auto\" did");
                break;
            case var other:
                _cniConfig["generate"] = false;
                _findings.NotCarriedOver("multusConfigFile", $"{other.ToJsonString()}: multinetd does not copy a config file in place; \"generate\": false stops it writing one. Convert that file with `multinetctl migrate FILE` and install the result as /etc/cni/net.d/00-multinet.conflist yourself");
                break;
        }

        ClusterNetwork(confDir);
    }

    private void ClusterNetwork(string confDir)
    {
        if (PathOf("clusterNetwork") is not { } cluster)
        {
            if (_multus.ContainsKey("delegates"))
            {
                _findings.NotCarriedOver("delegates", "multinetd's generated config always uses the primary config file as the cluster network; inline delegates cannot be set there. Put the delegate in a config file and name it in cniConfig.primaryConfig");
            }

            return;
        }

        if (!cluster.StartsWith('/'))
        {
            _findings.NotCarriedOver("clusterNetwork", $"\"{cluster}\" names a NAD or a conf: multinetd's generated config always uses a primary config file as the cluster network. Name a file in cniConfig.primaryConfig, or set cniConfig.generate to false and install a config converted from a thin Multus config");
        }
        else if (IsConfigFile(cluster))
        {
            _cniConfig["primaryConfig"] = cluster;
            _findings.Changed("clusterNetwork", "Multus's daemon laid it over every request; it becomes cniConfig.primaryConfig, which multinetd writes as the generated config's clusterNetwork (read on every ADD)");
        }
        else if (cluster.TrimEnd('/') == confDir.TrimEnd('/'))
        {
            _findings.NotNeeded("clusterNetwork", "multinetd takes the first config of cniConfig.confDir by name as the cluster network (skipping meta-plugin configs), as this folder did");
        }
        else
        {
            _findings.NotCarriedOver("clusterNetwork", $"the folder \"{cluster}\" is not the config folder \"{confDir}\": set cniConfig.primaryConfig to the absolute path of the config file to use");
        }
    }

    private void DaemonOnly()
    {
        NotNeededIfPresent("socketDir", "multinetd listens on /run/multinet/multinet.sock (the folder its DaemonSet mounts); the generated config tells the shim where (daemonSocketDir), so nothing else refers to Multus's socket");
        NotNeededIfPresent("daemonSocketDir", "multinetd writes daemonSocketDir into the generated config itself (its socketDir)");
        NotNeededIfPresent("type", "the generated config's plugin type is \"multinet\"");
        NotNeededIfPresent("kubeconfig", "Multus's daemon ignores it and uses its service account (or perNodeCertificate); multinetd uses its service account too unless daemon.json's \"kubeconfig\" says otherwise");
        NotNeededIfPresent("cniVersion", "the generated config takes the primary config's cniVersion (and cniVersions), so they cannot disagree; Multus wrote this value and refused primaries older than 0.4.0 when it was 0.4.0 or later");
        NotNeededIfPresent("forceCNIVersion", "the generated config always takes the primary config's cniVersion");
        NotNeededIfPresent("capabilities", "the generated config's capabilities are those the primary's plugins enable, as Multus's auto-config computed them");
        if (Text("chrootDir") is { } chroot)
        {
            // multinetd's key (docs/thick-mode.md): the host's root as mounted in the container, /hostroot in deploy/thick.
            _daemon["chrootDir"] = chroot;
            if (chroot.TrimEnd('/') != DeployedHostRoot)
            {
                _findings.Changed("chrootDir", $"kept: MultiNet's DaemonSet (deploy/thick) mounts the host's / at {DeployedHostRoot}; mount it at \"{chroot}\" too, or set {DeployedHostRoot}. multinetd checks at start that the folder holds the CNI bin folder");
            }
        }

        if (_multus["metricsPort"] is JsonValue port && port.TryGetValue<int>(out var p) && p is > 0 and < 65536)
        {
            _findings.Changed("metricsPort", $"multinetd serves /metrics (with /healthz and /readyz) over plain HTTP on metricsAddress, {ProbeAddress} as deploy/thick's probes expect: scrape port {ProbeAddress.Split(':')[1]} instead of {p}, or change metricsAddress and the DaemonSet's probe port together");
        }
        else if (_multus["metricsPort"] is { } bad)
        {
            _findings.NotNeeded("metricsPort", $"{bad.ToJsonString()} is not a TCP port, so Multus served no metrics; multinetd serves them on metricsAddress ({ProbeAddress})");
        }

        Switch("enablePprof", "multinetd has no pprof endpoint (it is a .NET process: use dotnet-counters or dotnet-trace)");
        Switch("perNodeCertificate.enabled", "multinetd authenticates with its service account (or the daemon.json \"kubeconfig\"); it does not request per-node client certificates");
        Switch("overrideNetworkName", "the generated network's name is cniConfig.networkName (\"multinet-cni-network\" by default), not the primary's; set networkName to the primary's name if something relies on it");
        if (_multus["connectionLimit"] is JsonValue limit && limit.TryGetValue<int>(out var n))
        {
            if (n > 0)
            {
                _daemon["maxConcurrentRequests"] = Math.Min(n, 1024);
                _findings.Changed("connectionLimit", $"becomes maxConcurrentRequests {Math.Min(n, 1024)}: at most that many requests run; up to maxQueuedRequests (256) more wait, beyond that the answer is code 11 and the runtime retries (Multus left extra connections waiting in the socket's backlog)");
            }
            else
            {
                _findings.NotNeeded("connectionLimit", $"{n} means no limit in Multus; multinetd always has one (maxConcurrentRequests 16, maxQueuedRequests 256)");
            }
        }
    }

    private void Logging()
    {
        var level = Text("logLevel")?.Trim().ToLowerInvariant();
        if (level is not null && MapLevel(level) is { } daemonLevel)
        {
            _daemon["logLevel"] = daemonLevel;
            if (level is "verbose" or "panic")
            {
                _findings.Changed("logLevel", $"multinetd's levels are error, warning, info and debug: Multus's \"{level}\" becomes \"{daemonLevel}\" for the daemon{(level == "panic" ? " (it always logs errors)" : "")}; the shim on the host keeps \"{level}\" (cniConfig.pluginKeys)");
            }
        }

        // Multus's daemon writes its own log to logFile, rotated by logOptions: multinetd's keys of the same names.
        foreach (var key in (string[])["logFile", "logOptions"])
        {
            if (_multus[key] is { } node)
            {
                _daemon[key] = node.DeepClone();
            }
        }

        if (_multus["logToStderr"] is JsonValue v && v.GetValueKind() == JsonValueKind.False)
        {
            _findings.Changed("logToStderr", "multinetd always logs to stderr (choose what with logLevel); false now applies to the shim on the host only");
        }
    }

    private static string? MapLevel(string multusLevel) => multusLevel switch
    {
        "debug" => "debug",
        "verbose" => "info",
        "error" or "panic" => "error",
        _ => null,
    };

    // A feature switch: true has no equivalent, false is the default anyway.
    private void Switch(string key, string whatInstead)
    {
        var node = key.Split('.') is [var parent, var child] ? (_multus[parent] as JsonObject)?[child] : _multus[key];
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.True)
        {
            _findings.NotCarriedOver(key, whatInstead);
        }
        else if (node is not null || _multus.ContainsKey(key.Split('.')[0]))
        {
            _findings.NotNeeded(key.Split('.')[0], "off in this config, and MultiNet has no such switch");
        }
    }

    private void NotNeededIfPresent(string key, string message)
    {
        if (_multus.ContainsKey(key))
        {
            _findings.NotNeeded(key, message);
        }
    }

    private string? Text(string key) =>
        _multus[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } s ? s : null;

    private string? PathOf(string key) => Text(key) is { } path ? _paths.ToHost(key, path) : null;

    private static bool IsConfigFile(string path) =>
        path.EndsWith(".conf", StringComparison.Ordinal) || path.EndsWith(".conflist", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal);
}
