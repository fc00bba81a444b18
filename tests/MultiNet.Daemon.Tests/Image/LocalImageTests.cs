using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Testing;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Image;

/// <summary>The offline image (<c>./build.sh --image</c>): its tag, labels, user, and every binary running inside it.</summary>
public sealed class LocalImageTests
{
    [RootFact]
    public void Reference_IsLocalhostMultinetWithTheDeclaredVersion() =>
        LocalImage.Reference.Should().Be($"localhost/multinet:{RepoVersion.Declared}");

    [RootTheory]
    [InlineData("multinet")]
    [InlineData("multinetd")]
    [InlineData("multinet-controller")]
    [InlineData("multinetctl")]
    public void Version_EachBinaryInTheImage_AnswersAsThePublishedOne(string binary)
    {
        var expected = Shell.Check(Path.Combine(RepoLayout.BinDir, binary), "--version");

        var (code, stdout, stderr) = LocalImage.Run([], $"/usr/local/bin/{binary}", "--version");

        code.Should().Be(0, stderr);
        stdout.Should().Be(expected);
    }

    [RootFact]
    public void Labels_VersionRevisionSource_AndNonRootUser()
    {
        var inspect = JsonNode.Parse(Shell.Check("podman", "image", "inspect", LocalImage.Reference))![0]!["Config"]!;
        var labels = inspect["Labels"]!;
        var commit = Shell.Check(Path.Combine(RepoLayout.BinDir, "multinetd"), "--version").Split("(commit ")[1].TrimEnd(')', '\n');

        labels["org.opencontainers.image.version"]!.GetValue<string>().Should().Be(RepoVersion.Declared);
        labels["org.opencontainers.image.revision"]!.GetValue<string>().Should().Be(commit);
        labels["org.opencontainers.image.source"]!.GetValue<string>().Should().StartWith("https://");
        inspect["User"]!.GetValue<string>().Should().Be("65532:65532", "multinet-controller runs non-root; the DaemonSet sets root itself");
    }

    [RootFact]
    public void Controller_InTheImage_StartsOnTheSharedRuntimeAndReachesItsOwnChecks()
    {
        // The controller is framework-dependent: its host resolves Microsoft.NETCore.App and Microsoft.AspNetCore.App in
        // the image's /usr/share/dotnet before Main runs; the error naming the kubeconfig comes from the controller itself.
        var (code, _, stderr) = LocalImage.Run([], "multinet-controller", "--tls-cert-file", "/x.crt", "--tls-private-key-file", "/x.key",
            "--kubeconfig", "/no/such/kubeconfig");

        code.Should().Be(1);
        stderr.Should().Contain("cannot start").And.Contain("/no/such/kubeconfig");
    }
}
