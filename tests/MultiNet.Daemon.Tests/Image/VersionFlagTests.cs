using System.Text.RegularExpressions;
using FluentAssertions;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Image;

/// <summary>Every published binary answers <c>--version</c> with the repository's version and the commit it was built from.</summary>
public sealed class VersionFlagTests
{
    [Theory]
    [InlineData("multinet")]
    [InlineData("multinetd")]
    [InlineData("multinet-controller")]
    [InlineData("multinetctl")]
    public void Version_PublishedBinary_PrintsDeclaredVersionAndItsCommit(string binary)
    {
        var (code, stdout, stderr) = Shell.Run(Path.Combine(RepoLayout.BinDir, binary), "--version");

        code.Should().Be(0, stderr);
        var line = Regex.Match(stdout, $"^{Regex.Escape(binary)} (\\S+) \\(commit ([0-9a-f]{{7,40}})\\)\n$");
        line.Success.Should().BeTrue($"\"{stdout}\" is \"{binary} VERSION (commit HASH)\"; ./build.sh stamps the checkout's commit");
        line.Groups[1].Value.Should().Be(RepoVersion.Declared);
        RepoVersion.IsRepositoryCommit(line.Groups[2].Value).Should().BeTrue($"{line.Groups[2].Value} is a commit of this repository");
    }

    [Fact]
    public void Version_AllFourBinaries_CarryTheSameCommit()
    {
        var lines = new[] { "multinet", "multinetd", "multinet-controller", "multinetctl" }
            .Select(b => Shell.Check(Path.Combine(RepoLayout.BinDir, b), "--version"))
            .Select(l => l[l.IndexOf(' ', StringComparison.Ordinal)..])
            .ToList();

        lines.Distinct().Should().ContainSingle();
    }
}
