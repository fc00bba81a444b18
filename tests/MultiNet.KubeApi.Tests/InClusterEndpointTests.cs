using FluentAssertions;
using MultiNet.KubeApi;
using Xunit;

namespace MultiNet.KubeApi.Tests;

public sealed class InClusterEndpointTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("serviceaccount-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("10.96.0.1", "https://10.96.0.1:443/")]
    [InlineData("fd00::1", "https://[fd00::1]:443/")]
    public void TryLoad_InAPod_UsesServiceEnvTokenFileAndCa(string host, string expected)
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "token"), "tok\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "ca.crt"), "PEM");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = host, ["KUBERNETES_SERVICE_PORT"] = "443" };

        var endpoint = InClusterEndpoint.TryLoad(env.GetValueOrDefault, _dir.FullName);

        endpoint.Should().NotBeNull();
        endpoint!.Server.Should().Be(new Uri(expected));
        endpoint.Server.Port.Should().Be(443);
        endpoint.TokenFile.Should().Be(Path.Combine(_dir.FullName, "token"));
        endpoint.CaCertificatePem.Should().Equal("PEM"u8.ToArray());
        endpoint.Source.Should().Be("in-cluster config");
    }

    [Fact]
    public void TryLoad_NoServiceEnv_IsNull()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "token"), "tok");

        InClusterEndpoint.TryLoad(_ => null, _dir.FullName).Should().BeNull();
    }

    [Fact]
    public void TryLoad_NoTokenFile_IsNull()
    {
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        InClusterEndpoint.TryLoad(env.GetValueOrDefault, _dir.FullName).Should().BeNull();
    }
}
