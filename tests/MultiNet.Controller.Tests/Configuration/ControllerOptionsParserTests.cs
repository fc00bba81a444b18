using FluentAssertions;
using MultiNet.Attachments.Logging;
using MultiNet.Controller.Configuration;

namespace MultiNet.Controller.Tests.Configuration;

public class ControllerOptionsParserTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Parse_MinimalFlags_Defaults()
    {
        var o = ControllerOptionsParser.Parse(["--tls-cert-file", "/c", "--tls-private-key-file=/k"], NoEnvironment);

        o.CertificateFile.Should().Be("/c");
        o.PrivateKeyFile.Should().Be("/k");
        o.Port.Should().Be(8443);
        o.BindAddress.Should().Be("0.0.0.0");
        o.Rules.NamespaceIsolation.Should().BeFalse();
        o.Rules.GlobalNamespaces.Should().Equal("default");
        o.Rules.DefaultNetworkNamespace.Should().Be("kube-system");
        o.PodEvents.Should().BeTrue();
        o.LogFormat.Should().Be(LogFormat.Text);
    }

    [Fact]
    public void Parse_LogFormatJson_Read()
    {
        ControllerOptionsParser.Parse(["--log-format", "json"], NoEnvironment).LogFormat.Should().Be(LogFormat.Json);
    }

    [Fact]
    public void Parse_NoCertificateFiles_SelfManagedDefaults()
    {
        var o = ControllerOptionsParser.Parse([], NoEnvironment);

        o.SelfManagedCertificates.Should().BeTrue();
        o.CertificateFile.Should().BeNull();
        o.Namespace.Should().Be("kube-system");
        o.CertificateCheckInterval.Should().Be(TimeSpan.FromSeconds(10));
        o.Certificates.Should().BeEquivalentTo(new
        {
            SecretName = "multinet-controller-certs",
            WebhookConfigurationName = "multinet-controller",
            ServiceName = "multinet-controller",
            CertificateValidity = TimeSpan.FromDays(365),
            CaValidity = TimeSpan.FromDays(3650),
        });
        o.LeaderElection.Enabled.Should().BeTrue();
        o.LeaderElection.LeaseName.Should().Be("multinet-controller");
    }

    [Fact]
    public void Parse_SelfManagedFlags_Read()
    {
        var o = ControllerOptionsParser.Parse(
        [
            "--namespace", "multinet", "--tls-secret-name", "certs", "--webhook-config-name", "hooks", "--service-name", "svc",
            "--cert-validity", "30", "--ca-validity", "90", "--leader-elect=false", "--lease-name", "lead",
        ], NoEnvironment);

        o.Namespace.Should().Be("multinet");
        o.Certificates.Should().BeEquivalentTo(new
        {
            SecretName = "certs",
            WebhookConfigurationName = "hooks",
            ServiceName = "svc",
            CertificateValidity = TimeSpan.FromDays(30),
            CaValidity = TimeSpan.FromDays(90),
        });
        o.LeaderElection.Enabled.Should().BeFalse();
        o.LeaderElection.LeaseName.Should().Be("lead");
    }

    [Fact]
    public void Parse_AllFlags_Read()
    {
        var o = ControllerOptionsParser.Parse(
        [
            "--tls-cert-file", "/c", "--tls-private-key-file", "/k", "--port", "9443", "--bind-address", "127.0.0.1", "--kubeconfig", "/kc",
            "--namespace-isolation", "true", "--global-namespaces", "default, shared", "--multus-namespace", "multinet",
            "--cluster-interface", "net0", "--max-listed-pods", "5", "--cert-check-interval", "10", "--pod-events=false",
        ], NoEnvironment);

        o.Should().BeEquivalentTo(new
        {
            Port = 9443,
            BindAddress = "127.0.0.1",
            Kubeconfig = "/kc",
            MaxListedPods = 5,
            CertificateCheckInterval = TimeSpan.FromSeconds(10),
            PodEvents = false,
        });
        o.Rules.NamespaceIsolation.Should().BeTrue();
        o.Rules.GlobalNamespaces.Should().Equal("default", "shared");
        o.Rules.DefaultNetworkNamespace.Should().Be("multinet");
        o.Rules.ClusterInterfaceName.Should().Be("net0");
    }

    [Fact]
    public void Parse_Environment_UsedAndArgumentsWin()
    {
        var env = new Dictionary<string, string>
        {
            ["MULTINET_CONTROLLER_TLS_CERT_FILE"] = "/env-c",
            ["MULTINET_CONTROLLER_TLS_PRIVATE_KEY_FILE"] = "/env-k",
            ["MULTINET_CONTROLLER_PORT"] = "7443",
            ["MULTINET_CONTROLLER_NAMESPACE_ISOLATION"] = "true",
        };

        var o = ControllerOptionsParser.Parse(["--port", "6443"], k => env.GetValueOrDefault(k));

        o.CertificateFile.Should().Be("/env-c");
        o.Port.Should().Be(6443);
        o.Rules.NamespaceIsolation.Should().BeTrue();
    }

    [Theory]
    [InlineData(new[] { "--tls-private-key-file", "/k" }, "--tls-cert-file\" is required with the other certificate flag")]
    [InlineData(new[] { "--tls-secret-name", "Certs_1" }, "--tls-secret-name\": \"Certs_1\" is not a valid object name")]
    [InlineData(new[] { "--namespace", "kube.system" }, "--namespace\": \"kube.system\" is not a DNS-1123 label")]
    [InlineData(new[] { "--namespace", "a234567890123456789012345678901234567890123456789012345678901234" }, "--namespace\": \"a234567890123456789012345678901234567890123456789012345678901234\" is longer than 63 characters")]
    [InlineData(new[] { "--cert-validity", "400", "--ca-validity", "300" }, "--ca-validity\": 300 days is shorter than --cert-validity (400 days)")]
    [InlineData(new[] { "--leader-elect", "maybe" }, "--leader-elect\": \"maybe\" is not true or false")]
    [InlineData(new[] { "--tls-cert-file", "/c", "--tls-private-key-file", "/k", "--port", "70000" }, "--port\": \"70000\" is not a number from 0 to 65535")]
    [InlineData(new[] { "--tls-cert-file", "/c", "--tls-private-key-file", "/k", "--namespace-isolation", "yes" }, "is not true or false")]
    [InlineData(new[] { "--tls-cert-file", "/c", "--tls-private-key-file", "/k", "--colour", "red" }, "unknown flag \"--colour\"")]
    [InlineData(new[] { "--tls-cert-file" }, "needs a value")]
    [InlineData(new[] { "serve" }, "unexpected argument \"serve\"")]
    [InlineData(new[] { "--log-format", "xml" }, "--log-format\": \"xml\" is not text or json")]
    public void Parse_BadInput_MessageNamesFlag(string[] args, string expected)
    {
        Action act = () => ControllerOptionsParser.Parse(args, NoEnvironment);

        act.Should().Throw<ArgumentException>().WithMessage($"*{expected}*");
    }
}
