using System.Globalization;
using MultiNet.Attachments.Configuration;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.Controller.Configuration;

/// <summary>
/// Reads <see cref="ControllerOptions"/> from <c>--flag value</c> / <c>--flag=value</c> arguments; every flag can also be
/// given as an environment variable <c>MULTINET_CONTROLLER_FLAG_NAME</c> (arguments win).
/// </summary>
internal static class ControllerOptionsParser
{
    /// <summary>The usage text printed by <c>--help</c> and after a usage error.</summary>
    public const string Usage = """
        usage: multinet-controller [--tls-cert-file FILE --tls-private-key-file FILE] [options]

        Admission webhooks for NetworkAttachmentDefinitions and pods, NAD in-use protection, pod events, metrics.
        Without certificate files it makes its own CA and certificate, keeps them in a Secret and writes the CA into
        its webhook configuration's caBundle.

          --tls-cert-file FILE          PEM certificate for HTTPS (reloaded when the file changes)
          --tls-private-key-file FILE   PEM private key of that certificate
          --namespace NS                the controller's namespace: its Secret, Lease and Service (default kube-system)
          --tls-secret-name NAME        Secret for the self-managed CA and certificate (default multinet-controller-certs)
          --webhook-config-name NAME    ValidatingWebhookConfiguration whose caBundle is written (default multinet-controller)
          --service-name NAME           Service named in the certificate as NAME.NS.svc (default multinet-controller)
          --cert-validity DAYS          serving certificate validity, renewed with a third left (default 365)
          --ca-validity DAYS            CA validity, renewed with a third left (default 3650)
          --leader-elect BOOL           one replica (Lease holder) writes Events and certificates (default true)
          --lease-name NAME             the Lease (default multinet-controller)
          --bind-address ADDR           address to listen on (default 0.0.0.0)
          --port N                      HTTPS port (default 8443)
          --kubeconfig FILE             kubeconfig (default: in-cluster, then $KUBECONFIG, then ~/.kube/config)
          --namespace-isolation BOOL    pods may use networks of their own namespace and global ones only (default false)
          --global-namespaces LIST      comma-separated namespaces every pod may use (default "default")
          --multus-namespace NS         namespace of default-network overrides without one (default kube-system)
          --cluster-interface NAME      interface of the cluster network, reserved (default eth0)
          --max-listed-pods N           pods named in a "NAD in use" denial (default 10)
          --cert-check-interval SECS    how often the certificate files (default 2) or the Secret (default 10) are checked
          --pod-events BOOL             Warning Events on pods with missing or invalid networks (default true)
          --log-format FORMAT           text (default) or json: one JSON object per line on stderr, UTC times
          --version                     print the version and commit, then exit

        Every flag can be set through the environment as MULTINET_CONTROLLER_<FLAG> (e.g. MULTINET_CONTROLLER_PORT=9443).
        """;

    private static readonly string[] Flags =
    [
        "tls-cert-file", "tls-private-key-file", "bind-address", "port", "kubeconfig", "namespace-isolation", "global-namespaces",
        "multus-namespace", "cluster-interface", "max-listed-pods", "cert-check-interval", "pod-events", "namespace", "tls-secret-name",
        "webhook-config-name", "service-name", "cert-validity", "ca-validity", "leader-elect", "lease-name",
        "log-format",
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
        string? certificateFile = values.GetValueOrDefault("tls-cert-file");
        string? keyFile = values.GetValueOrDefault("tls-private-key-file");
        if (string.IsNullOrEmpty(certificateFile) != string.IsNullOrEmpty(keyFile))
        {
            string missing = string.IsNullOrEmpty(certificateFile) ? "tls-cert-file" : "tls-private-key-file";
            throw new ArgumentException($"flag \"--{missing}\" is required with the other certificate flag (or set {EnvironmentName(missing)}); give both, or neither for self-managed certificates");
        }

        int days = 3650 * 10;
        var certificates = new SelfManagedCertificateOptions
        {
            SecretName = Name(values, "tls-secret-name", "multinet-controller-certs"),
            WebhookConfigurationName = Name(values, "webhook-config-name", "multinet-controller"),
            ServiceName = Name(values, "service-name", "multinet-controller"),
            CertificateValidity = TimeSpan.FromDays(Int(values, "cert-validity", 365, 1, days)),
            CaValidity = TimeSpan.FromDays(Int(values, "ca-validity", 3650, 1, days)),
        };
        if (certificates.CaValidity < certificates.CertificateValidity)
        {
            throw new ArgumentException($"flag \"--ca-validity\": {certificates.CaValidity.TotalDays} days is shorter than --cert-validity ({certificates.CertificateValidity.TotalDays} days)");
        }

        bool selfManaged = string.IsNullOrEmpty(certificateFile);
        return new ControllerOptions
        {
            CertificateFile = selfManaged ? null : certificateFile,
            PrivateKeyFile = selfManaged ? null : keyFile,
            Namespace = Namespace(values),
            Certificates = certificates,
            LeaderElection = new LeaderElectionOptions
            {
                Enabled = Bool(values, "leader-elect", true),
                LeaseName = Name(values, "lease-name", "multinet-controller"),
            },
            BindAddress = values.GetValueOrDefault("bind-address", "0.0.0.0"),
            Port = Int(values, "port", 8443, 0, 65535),
            Kubeconfig = values.GetValueOrDefault("kubeconfig"),
            Rules = rules,
            MaxListedPods = Int(values, "max-listed-pods", 10, 1, 1000),
            CertificateCheckInterval = TimeSpan.FromSeconds(Int(values, "cert-check-interval", selfManaged ? 10 : 2, 1, 3600)),
            PodEvents = Bool(values, "pod-events", true),
            LogFormat = MultiNetConfigParser.LogFormatOf(values.GetValueOrDefault("log-format"))
                ?? throw new ArgumentException($"flag \"--log-format\": \"{values["log-format"]}\" is not text or json"),
        };
    }

    /// <summary><c>tls-cert-file</c> → <c>MULTINET_CONTROLLER_TLS_CERT_FILE</c>.</summary>
    public static string EnvironmentName(string flag) => "MULTINET_CONTROLLER_" + flag.Replace('-', '_').ToUpperInvariant();

    // Names of Kubernetes objects: DNS-1123 subdomains (lowercase alphanumerics, '-' and '.').
    private static string Name(Dictionary<string, string> values, string flag, string fallback)
    {
        if (!values.TryGetValue(flag, out string? name))
        {
            return fallback;
        }

        bool valid = name.Length is > 0 and <= 253 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');
        return valid ? name : throw new ArgumentException($"flag \"--{flag}\": \"{name}\" is not a valid object name (lowercase letters, digits, '-' and '.')");
    }

    // Namespaces are DNS-1123 labels: no dots, at most 63 characters.
    private static string Namespace(Dictionary<string, string> values) =>
        !values.TryGetValue("namespace", out string? ns) ? "kube-system"
        : DnsLabel.Problem(ns) is { } problem ? throw new ArgumentException($"flag \"--namespace\": \"{ns}\" {problem}")
        : ns;

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
