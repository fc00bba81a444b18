using System.Globalization;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Configuration;

/// <summary>
/// Reads <see cref="ControllerOptions"/> from <c>--flag value</c> / <c>--flag=value</c> arguments; every flag can also be
/// given as an environment variable <c>MULTINET_CONTROLLER_FLAG_NAME</c> (arguments win).
/// </summary>
internal static class ControllerOptionsParser
{
    /// <summary>The usage text printed by <c>--help</c> and after a usage error.</summary>
    public const string Usage = """
        usage: multinet-controller --tls-cert-file FILE --tls-private-key-file FILE [options]

        Admission webhooks for NetworkAttachmentDefinitions and pods, NAD in-use protection, pod events, metrics.

          --tls-cert-file FILE          PEM certificate for HTTPS (reloaded when the file changes)
          --tls-private-key-file FILE   PEM private key of that certificate
          --bind-address ADDR           address to listen on (default 0.0.0.0)
          --port N                      HTTPS port (default 8443)
          --kubeconfig FILE             kubeconfig (default: in-cluster, then $KUBECONFIG, then ~/.kube/config)
          --namespace-isolation BOOL    pods may use networks of their own namespace and global ones only (default false)
          --global-namespaces LIST      comma-separated namespaces every pod may use (default "default")
          --multus-namespace NS         namespace of default-network overrides without one (default kube-system)
          --cluster-interface NAME      interface of the cluster network, reserved (default eth0)
          --max-listed-pods N           pods named in a "NAD in use" denial (default 10)
          --cert-check-interval SECS    how often the certificate files are checked (default 2)
          --pod-events BOOL             Warning Events on pods with missing or invalid networks (default true)
          --version                     print the version and commit, then exit

        Every flag can be set through the environment as MULTINET_CONTROLLER_<FLAG> (e.g. MULTINET_CONTROLLER_PORT=9443).
        """;

    private static readonly string[] Flags =
    [
        "tls-cert-file", "tls-private-key-file", "bind-address", "port", "kubeconfig", "namespace-isolation", "global-namespaces",
        "multus-namespace", "cluster-interface", "max-listed-pods", "cert-check-interval", "pod-events",
    ];

    /// <summary>Parses; throws <see cref="ArgumentException"/> with a message naming the flag when something is wrong.</summary>
    public static ControllerOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string flag in Flags)
        {
            if (environment(EnvironmentName(flag)) is { Length: > 0 } value)
            {
                values[flag] = value;
            }
        }

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument \"{arg}\" (flags start with --)");
            }

            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!Flags.Contains(name))
            {
                throw new ArgumentException($"unknown flag \"--{name}\"");
            }

            values[name] = value ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"flag \"--{name}\" needs a value"));
        }

        var rules = new PodRuleOptions
        {
            NamespaceIsolation = Bool(values, "namespace-isolation", false),
            GlobalNamespaces = values.TryGetValue("global-namespaces", out string? globals)
                ? globals.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : ["default"],
            DefaultNetworkNamespace = values.GetValueOrDefault("multus-namespace", "kube-system"),
            ClusterInterfaceName = values.GetValueOrDefault("cluster-interface", "eth0"),
        };
        return new ControllerOptions
        {
            CertificateFile = Required(values, "tls-cert-file"),
            PrivateKeyFile = Required(values, "tls-private-key-file"),
            BindAddress = values.GetValueOrDefault("bind-address", "0.0.0.0"),
            Port = Int(values, "port", 8443, 0, 65535),
            Kubeconfig = values.GetValueOrDefault("kubeconfig"),
            Rules = rules,
            MaxListedPods = Int(values, "max-listed-pods", 10, 1, 1000),
            CertificateCheckInterval = TimeSpan.FromSeconds(Int(values, "cert-check-interval", 2, 1, 3600)),
            PodEvents = Bool(values, "pod-events", true),
        };
    }

    /// <summary><c>tls-cert-file</c> → <c>MULTINET_CONTROLLER_TLS_CERT_FILE</c>.</summary>
    public static string EnvironmentName(string flag) => "MULTINET_CONTROLLER_" + flag.Replace('-', '_').ToUpperInvariant();

    private static string Required(Dictionary<string, string> values, string flag) =>
        values.TryGetValue(flag, out string? value) && value.Length > 0
            ? value
            : throw new ArgumentException($"flag \"--{flag}\" is required (or set {EnvironmentName(flag)})");

    private static int Int(Dictionary<string, string> values, string flag, int fallback, int min, int max)
    {
        if (!values.TryGetValue(flag, out string? text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"flag \"--{flag}\": \"{text}\" is not a number from {min} to {max}");
    }

    private static bool Bool(Dictionary<string, string> values, string flag, bool fallback)
    {
        if (!values.TryGetValue(flag, out string? text))
        {
            return fallback;
        }

        return bool.TryParse(text, out bool b) ? b : throw new ArgumentException($"flag \"--{flag}\": \"{text}\" is not true or false");
    }
}
