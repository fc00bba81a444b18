using FluentAssertions;
using MultiNet.Cni.Build;
using MultiNet.Testing.Node;

namespace MultiNet.Cni.Tests.Build;

public sealed class BuildInfoTests
{
    [Fact]
    public void Version_IsTheOneDeclaredInDirectoryBuildProps() => BuildInfo.Version.Should().Be(RepoVersion.Declared);

    [Fact]
    public void Commit_IsAHashOrUnknown() => BuildInfo.Commit.Should().MatchRegex("^([0-9a-f]{7,40}|unknown)$");

    [Fact]
    public void VersionLine_NamesProgramVersionAndCommit() =>
        BuildInfo.VersionLine("multinetd").Should().Be($"multinetd {RepoVersion.Declared} (commit {BuildInfo.Commit})");

    [Fact]
    public void MetricText_IsOneGaugeSampleWithVersionAndCommitLabels()
    {
        var lines = BuildInfo.MetricText().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines.Should().Equal(
            "# HELP multinet_build_info The version and commit this binary was built from (always 1).",
            "# TYPE multinet_build_info gauge",
            $"multinet_build_info{{version=\"{RepoVersion.Declared}\",commit=\"{BuildInfo.Commit}\"}} 1");
    }
}
