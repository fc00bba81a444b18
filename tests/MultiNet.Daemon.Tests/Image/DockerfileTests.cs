using System.Text.RegularExpressions;
using FluentAssertions;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Image;

/// <summary>
/// The root Dockerfile cannot be built here (no registry); what can drift from the repository without a build is
/// checked: the version its labels carry, where the binaries land, the default user.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepoLayout.Root, "Dockerfile"));

    [Fact]
    public void VersionArgument_InEveryStage_IsTheDeclaredVersion()
    {
        var defaults = VersionArgument().Matches(Text).Select(m => m.Groups[1].Value).ToList();

        defaults.Should().HaveCount(2, "the build stage checks it, the runtime stage labels with it");
        defaults.Should().OnlyContain(v => v == RepoVersion.Declared);
    }

    [Fact]
    public void RuntimeStage_CopiesTheBinariesToUsrLocalBinAndRunsNonRoot()
    {
        var runtime = Text[Text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];

        runtime.Should().Contain("COPY --from=build /src/artifacts/bin/ /usr/local/bin/")
            .And.Contain("USER 65532:65532")
            .And.Contain("org.opencontainers.image.version=\"${MULTINET_VERSION}\"");
        Text.Should().Contain("RUN MULTINET_COMMIT=\"$MULTINET_COMMIT\" ./build.sh", "the image is built by the same build.sh");
    }

    [GeneratedRegex(@"^ARG MULTINET_VERSION=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex VersionArgument();
}
