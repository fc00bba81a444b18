using System.Text;
using FluentAssertions;
using MultiNet.Cni.Protocol;
using MultiNet.KubeApi;
using MultiNet.Testing.ApiServer;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class KubeconfigFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeconfig-");
    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public void Load_KubeadmStyleWithDataFields_DecodesCertificatesAndKey()
    {
        using var client = _ca.IssueClient("kubernetes-admin", "system:masters");
        var certPem = client.ExportCertificatePem();
        var keyPem = TestCertificateAuthority.PrivateKeyPem(client);
        var path = Write($"""
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: {B64(_ca.CertificatePem)}
                server: https://192.168.1.10:6443
              name: kubernetes
            contexts:
            - context:
                cluster: kubernetes
                user: kubernetes-admin
              name: kubernetes-admin@kubernetes
            current-context: kubernetes-admin@kubernetes
            kind: Config
            preferences: {"{}"}
            users:
            - name: kubernetes-admin
              user:
                client-certificate-data: {B64(certPem)}
                client-key-data: {B64(keyPem)}
            """);

        var endpoint = KubeconfigFile.Load(path);

        endpoint.Server.Should().Be(new Uri("https://192.168.1.10:6443"));
        Encoding.ASCII.GetString(endpoint.CaCertificatePem!).Should().Be(_ca.CertificatePem);
        Encoding.ASCII.GetString(endpoint.ClientCertificatePem!).Should().Be(certPem);
        Encoding.ASCII.GetString(endpoint.ClientKeyPem!).Should().StartWith("-----BEGIN RSA PRIVATE KEY-----");
        endpoint.Token.Should().BeNull();
        endpoint.InsecureSkipTlsVerify.Should().BeFalse();
        endpoint.Source.Should().Be($"kubeconfig \"{path}\"");
    }

    [Fact]
    public void Load_MultusStyleWithTokenAndCaFile_ReadsRelativeFiles()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.crt"), _ca.CertificatePem);
        var path = Write("""
            # Kubeconfig file for Multus CNI plugin.
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: https://[fd00::1]:443
                certificate-authority: ca.crt
            users:
            - name: multus
              user:
                token: "eyJhbGciOi.token"
            contexts:
            - name: multus-context
              context:
                cluster: local
                user: multus
            current-context: multus-context
            """);

        var endpoint = KubeconfigFile.Load(path);

        endpoint.Server.Host.Should().Be("[fd00::1]");
        endpoint.Token.Should().Be("eyJhbGciOi.token");
        Encoding.ASCII.GetString(endpoint.CaCertificatePem!).Should().Be(_ca.CertificatePem);
    }

    [Fact]
    public void Load_ClientCertificateFilesAndTokenFile_ResolvesPathsAgainstKubeconfigFolder()
    {
        using var client = _ca.IssueClient("node");
        File.WriteAllText(Path.Combine(_dir.FullName, "client.crt"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir.FullName, "client.key"), TestCertificateAuthority.PrivateKeyPem(client));
        var path = Write("""
            clusters: [{name: c, cluster: {server: "https://h:6443", insecure-skip-tls-verify: true}}]
            users:
            - name: u
              user:
                client-certificate: client.crt
                client-key: ./client.key
                tokenFile: sub/token
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var endpoint = KubeconfigFile.Load(path);

        endpoint.InsecureSkipTlsVerify.Should().BeTrue();
        endpoint.ClientCertificatePem.Should().Equal(File.ReadAllBytes(Path.Combine(_dir.FullName, "client.crt")));
        endpoint.ClientKeyPem.Should().Equal(File.ReadAllBytes(Path.Combine(_dir.FullName, "client.key")));
        endpoint.TokenFile.Should().Be(Path.Combine(_dir.FullName, "sub", "token"));
    }

    [Fact]
    public void Load_JsonForm_IsRead()
    {
        var path = Write("""
            {"apiVersion":"v1","kind":"Config",
             "clusters":[{"name":"c","cluster":{"server":"http://127.0.0.1:8080","insecure-skip-tls-verify":true}}],
             "users":[{"name":"u","user":{"token":"t0k"}}],
             "contexts":[{"name":"x","context":{"cluster":"c","user":"u"}}],
             "current-context":"x"}
            """);

        var endpoint = KubeconfigFile.Load(path);

        endpoint.Server.Should().Be(new Uri("http://127.0.0.1:8080"));
        endpoint.Token.Should().Be("t0k");
        endpoint.InsecureSkipTlsVerify.Should().BeTrue();
    }

    [Fact]
    public void Load_StandInKubeconfig_PointsAtTheStandIn()
    {
        var path = Write("""
            apiVersion: v1
            kind: Config
            clusters:
            - name: standin
              cluster:
                server: http://127.0.0.1:1234
            contexts:
            - name: standin
              context: {cluster: standin, user: standin, namespace: default}
            current-context: standin
            users:
            - name: standin
              user: {token: abc}
            """);

        KubeconfigFile.Load(path).Should().BeEquivalentTo(new { Server = new Uri("http://127.0.0.1:1234"), Token = "abc" });
    }

    [Theory]
    [InlineData("clusters: []\ncurrent-context: ''", "has no current-context")]
    [InlineData("current-context: nope\ncontexts: []", "context \"nope\" named by current-context is not in contexts")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]", "cluster \"c\" named by context \"x\" is not in clusters")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: 'https://h'}}]", "user \"u\" named by context \"x\" is not in users")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {}}]", "cluster \"c\": has no server")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {server: 'h:1'}}]", "cluster \"c\": server \"h:1\" is not an http or https URL")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {server: 'https://h', certificate-authority-data: '%%%'}}]", "cluster \"c\": certificate-authority-data is not valid base64")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {server: 'https://h', certificate-authority: /nonexistent/ca.crt}}]", "certificate-authority \"/nonexistent/ca.crt\": cannot read: no such file")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: 'https://h'}}]\nusers: [{name: u, user: {exec: {command: aws}}}]", "user \"u\": uses an exec or auth-provider credential plugin")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\nclusters: [{name: c, cluster: {server: 'https://h'}}]\nusers: [{name: u, user: {client-certificate-data: YQ==}}]", "user \"u\": has client-certificate but no client-key")]
    [InlineData("current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\nclusters: [{name: c, cluster: {server: 'https://h', insecure-skip-tls-verify: maybe}}]", "insecure-skip-tls-verify \"maybe\" is not true or false")]
    [InlineData("a: b\n  c: d", "not valid YAML or JSON: line 2")]
    [InlineData("", "is empty or not a mapping")]
    public void Load_Invalid_ThrowsInvalidConfigNamingFileAndProblem(string yaml, string expected)
    {
        var path = Write(yaml);

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<CniException>()
            .Where(e => e.Code == CniErrorCode.InvalidConfig)
            .Which.Message.Should().StartWith($"kubeconfig \"{path}\": ").And.Contain(expected);
    }

    [Fact]
    public void Load_MissingFile_SaysItCannotBeRead()
    {
        var path = Path.Combine(_dir.FullName, "absent");

        var act = () => KubeconfigFile.Load(path);

        act.Should().Throw<CniException>().WithMessage($"kubeconfig \"{path}\": cannot read: no such file");
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir.FullName, "kubeconfig");
        File.WriteAllText(path, text);
        return path;
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
