using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Controller.Serving;
using MultiNet.Controller.Tests.Support;
using MultiNet.Testing.ApiServer;

namespace MultiNet.Controller.Tests.Certificates;

/// <summary>Bad certificate input stops the controller at start with a message naming the Secret, key, object or file.</summary>
public class BadCertificateInputTests
{
    private const string SecretName = "kube-system/multinet-controller-certs";

    public static TheoryData<string, string, string> BrokenSecrets => new()
    {
        { "tls.crt", "not a certificate", "secret \"kube-system/multinet-controller-certs\" key \"tls.crt\": no PEM certificate" },
        { "tls.key", "other-key", "secret \"kube-system/multinet-controller-certs\" key \"tls.key\": the private key is malformed or does not match the certificate" },
        { "ca.crt", "", "secret \"kube-system/multinet-controller-certs\" key \"ca.crt\": missing or empty" },
        { "ca.key", "garbage", "secret \"kube-system/multinet-controller-certs\" key \"ca.key\": not the PEM ECDSA key of the first CA" },
    };

    [Theory]
    [MemberData(nameof(BrokenSecrets))]
    public async Task OwnSecretMalformed_StartFailsNamingSecretAndKey_SecretLeftAlone(string key, string value, string expected)
    {
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        Dictionary<string, string> data = ValidData();
        data[key] = value == "other-key" ? OtherKeyPem() : value;
        api.AddObject(Secret(data, managed: true));

        Func<Task> start = () => ControllerHarness.StartSelfManagedAsync(api);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain(expected).And.Contain("does not overwrite a Secret it cannot read");
        Encoding.UTF8.GetString(Convert.FromBase64String((string)api.GetObject("Secret", "kube-system", "multinet-controller-certs")!["data"]![key]!))
            .Should().Be(data[key], "a Secret that cannot be read is never overwritten");
    }

    [Fact]
    public async Task SecretNotMadeByController_StartFailsNamingIt()
    {
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();
        ControllerHarness.AddWebhookConfiguration(api);
        api.AddObject(Secret(ValidData(), managed: false));

        Func<Task> start = () => ControllerHarness.StartSelfManagedAsync(api);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain($"secret \"{SecretName}\" (--tls-secret-name) exists but was not made by multinet-controller");
        api.Count("PUT", "/secrets/").Should().Be(0);
    }

    [Fact]
    public async Task WebhookConfigurationMissing_StartFailsNamingIt_NothingWritten()
    {
        await using KubeApiStandIn api = await KubeApiStandIn.StartAsync();

        Func<Task> start = () => ControllerHarness.StartSelfManagedAsync(api);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("validatingwebhookconfiguration \"multinet-controller\" (--webhook-config-name) does not exist");
        api.CountObjects("Secret").Should().Be(0);
    }

    [Fact]
    public void CertificateFileNotPem_ErrorNamesFlagAndPath()
    {
        using var files = new CertificateFiles();
        File.WriteAllText(files.Certificate, "hello");

        Action load = () => files.Load();

        load.Should().Throw<InvalidOperationException>().WithMessage($"*--tls-cert-file \"{files.Certificate}\": no PEM certificate*");
    }

    [Fact]
    public void KeyFileOfAnotherCertificate_ErrorNamesKeyPath()
    {
        using var files = new CertificateFiles();
        File.WriteAllText(files.Key, OtherKeyPem());

        Action load = () => files.Load();

        load.Should().Throw<InvalidOperationException>()
            .WithMessage($"*--tls-private-key-file \"{files.Key}\": the private key is malformed or does not match the certificate in --tls-cert-file \"{files.Certificate}\"*");
    }

    [Fact]
    public void KeyFileUnreadable_ErrorNamesPath()
    {
        using var files = new CertificateFiles();
        File.Delete(files.Key);
        Directory.CreateDirectory(files.Key);

        Action load = () => files.Load();

        load.Should().Throw<InvalidOperationException>().WithMessage($"*cannot read --tls-private-key-file \"{files.Key}\"*");
    }

    private static Dictionary<string, string> ValidData()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = Controller.Certificates.CertificateIssuer.CreateAuthority("test-ca", now, TimeSpan.FromDays(30));
        X509Certificate2 serving = Controller.Certificates.CertificateIssuer.IssueServing(ca, ["multinet-controller.kube-system.svc"], now, TimeSpan.FromDays(10));
        return Controller.Certificates.CertificateSecret.From([ca], ca, serving).ToData()
            .ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(p.Value));
    }

    private static string OtherKeyPem()
    {
        using var ca = TestCertificateAuthority.Create();
        using X509Certificate2 other = ca.IssueServer();
        return TestCertificateAuthority.PrivateKeyPem(other);
    }

    private static JsonObject Secret(Dictionary<string, string> data, bool managed)
    {
        var encoded = new JsonObject();
        foreach ((string key, string value) in data)
        {
            encoded[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        var metadata = new JsonObject { ["name"] = "multinet-controller-certs", ["namespace"] = "kube-system" };
        if (managed)
        {
            metadata["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "multinet-controller" };
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata, ["data"] = encoded };
    }

    // A valid pair written by a throw-away CA into a temporary folder.
    private sealed class CertificateFiles : IDisposable
    {
        private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
        private readonly string _directory = Directory.CreateTempSubdirectory("multinet-bad-cert-").FullName;

        public CertificateFiles() => ControllerHarness.WriteServingCertificate(_ca, _directory);

        public string Certificate => Path.Combine(_directory, "tls.crt");

        public string Key => Path.Combine(_directory, "tls.key");

        public void Load()
        {
            using var reloader = new CertificateReloader(Certificate, Key, TimeSpan.FromHours(1), TimeProvider.System, NullLogger<CertificateReloader>.Instance);
        }

        public void Dispose()
        {
            _ca.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
