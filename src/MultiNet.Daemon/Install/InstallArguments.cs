using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Install;

/// <summary>Parses <c>multinetd install</c>'s arguments; a bad one is an <see cref="ArgumentException"/> naming the option.</summary>
internal static class InstallArguments
{
    /// <summary>The text of <c>multinetd install --help</c>.</summary>
    public const string Usage = """
        usage: multinetd install [options]

        Installs MultiNet on this node: copies the multinet CNI executable into the host's CNI bin folder
        (temp file and rename: never "text file busy"; skipped when identical), after running the copy as the
        runtime will (CNI_COMMAND=VERSION; chrooted into --host-root when given): a binary that cannot run on
        this host (e.g. its glibc is too old) is refused with the reason, exit 1, and the previous one stays
        installed. In thin mode it also writes a
        kubeconfig from the pod's service account (0600, rewritten when the token rotates) and keeps
        00-multinet.conflist in front of the primary network config. Host folders are mounted at the same paths.

        options:
          --mode thin|thick              thick (default): copy the binary and exit, multinetd writes the config.
                                         thin: also the kubeconfig and the generated config.
          --once                         one pass, then exit (an init container); otherwise keep the kubeconfig
                                         and the config current until SIGTERM.
          --check                        change nothing: exit 0 when the binary (and in thin mode the kubeconfig
                                         and the config) is in place, else 1 saying what is missing (a probe).
          --cleanup-on-exit              thin: remove 00-multinet.conflist on every SIGTERM.
          --cleanup-on-uninstall         thin: remove it on SIGTERM only when the DaemonSet named by
                                         $MULTINET_DAEMONSET_NAME in $POD_NAMESPACE is gone or being deleted (or
                                         the API refuses this pod's token): kept across restarts and rolling updates.
                                         Without those variables it acts as --cleanup-on-exit.
          --source PATH                  executable to install (default /usr/local/bin/multinet)
          --cni-bin-dir DIR              host CNI bin folder (default /opt/cni/bin)
          --host-root DIR                the host's / mounted here (e.g. /hostroot): the copied binary is tried
                                         chrooted into it, with the host's loader and glibc; without it, the
                                         binary is tried directly in this container
          --cni-conf-dir DIR             host CNI config folder (default /etc/cni/net.d)
          --kubeconfig PATH              thin: kubeconfig to write (default <cni-conf-dir>/multinet.d/multinet.kubeconfig)
          --service-account-dir DIR      token, ca.crt, namespace (default /var/run/secrets/kubernetes.io/serviceaccount)
          --primary-config NAME          file name in the config folder (or a path) of the primary network;
                                         default: the first .conf/.conflist/.json by name that is not a meta-plugin's
          --readiness-indicator-file F   thin: write the config only while F exists
          --namespace-isolation          thin: set "namespaceIsolation": true in the generated config
          --global-namespaces LIST       thin: set "globalNamespaces" (comma-separated)
          --log-level LEVEL              thin: set "logLevel" (panic, error, verbose, debug)
          --config-key KEY=VALUE         thin: set any other key of the multinet plugin entry; VALUE is JSON
                                         (true, 5, "x", {...}) or else taken as a string. Repeatable.
          --rescan-seconds N             how often the folders are rescanned besides the watch (default 5)
          -h, --help                     this text

        environment: KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT (set by Kubernetes in every pod),
        MULTINET_DAEMONSET_NAME and POD_NAMESPACE (--cleanup-on-uninstall).
        exit codes: 0 done (or stopped by SIGTERM), 1 install failed, 2 bad arguments.
        """;

    /// <summary>Parses <paramref name="args"/> (without the leading "install").</summary>
    public static InstallOptions Parse(IReadOnlyList<string> args)
    {
        var options = new InstallOptions();
        var extra = new JsonObject();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            string Value() => inline ?? (i + 1 < args.Count ? args[++i] : throw Bad(name, "needs a value"));
            options = name switch
            {
                "-h" or "--help" => options with { ShowHelp = true },
                "--once" => options with { Once = true },
                "--check" => options with { Check = true },
                "--cleanup-on-exit" => options with { Removal = ConfigRemoval.Always },
                "--cleanup-on-uninstall" => options with { Removal = ConfigRemoval.OnUninstall },
                "--mode" => options with { Mode = Mode(Value()) },
                "--source" => options with { SourceBinary = Absolute(name, Value()) },
                "--cni-bin-dir" => options with { CniBinDir = Absolute(name, Value()) },
                "--host-root" => options with { HostRoot = ExistingDirectory(name, Value()) },
                "--cni-conf-dir" => options with { CniConfDir = Absolute(name, Value()) },
                "--kubeconfig" => options with { KubeconfigPath = Absolute(name, Value()) },
                "--service-account-dir" => options with { ServiceAccountDir = Absolute(name, Value()) },
                "--primary-config" => options with { PrimaryConfig = NonEmpty(name, Value()) },
                "--readiness-indicator-file" => options with { ReadinessIndicatorFile = Absolute(name, Value()) },
                "--rescan-seconds" => options with { RescanInterval = Seconds(name, Value()) },
                "--namespace-isolation" => Set(options, extra, "namespaceIsolation", true),
                "--global-namespaces" => Set(options, extra, "globalNamespaces", NonEmpty(name, Value())),
                "--log-level" => Set(options, extra, "logLevel", LogLevel(name, Value())),
                "--config-key" => SetKey(options, extra, name, Value()),
                _ => throw new ArgumentException($"unknown option \"{args[i]}\""),
            };
        }

        return options with { ExtraKeys = extra };
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }

    private static InstallOptions Set(InstallOptions options, JsonObject extra, string key, JsonNode? value)
    {
        extra[key] = value;
        return options;
    }

    private static InstallOptions SetKey(InstallOptions options, JsonObject extra, string option, string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw Bad(option, $"\"{pair}\" is not KEY=VALUE");
        }

        var key = pair[..eq];
        if (CniConfigOptions.ReservedKeys.Contains(key))
        {
            throw Bad(option, $"key \"{key}\" is written by multinetd install itself");
        }

        return Set(options, extra, key, JsonOrString(pair[(eq + 1)..]));
    }

    private static JsonNode? JsonOrString(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static CniConfigMode Mode(string value) => value.ToLowerInvariant() switch
    {
        "thin" => CniConfigMode.Thin,
        "thick" => CniConfigMode.Thick,
        _ => throw Bad("--mode", $"\"{value}\" is not thin or thick"),
    };

    private static string LogLevel(string option, string value) => value.ToLowerInvariant() switch
    {
        "panic" or "error" or "verbose" or "debug" => value.ToLowerInvariant(),
        _ => throw Bad(option, $"\"{value}\" is not one of panic, error, verbose, debug"),
    };

    private static TimeSpan Seconds(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw Bad(option, $"\"{value}\" is not a number of seconds between 0 and 3600");

    private static string Absolute(string option, string value) =>
        Path.IsPathRooted(value) ? value : throw Bad(option, $"\"{value}\" is not an absolute path");

    private static string ExistingDirectory(string option, string value) =>
        Directory.Exists(Absolute(option, value)) ? value : throw Bad(option, $"\"{value}\" is not an existing directory");

    private static string NonEmpty(string option, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw Bad(option, "must not be empty") : value;

    private static ArgumentException Bad(string option, string problem) => new($"option \"{option}\": {problem}");
}
