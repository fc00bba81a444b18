using System.Text.RegularExpressions;
using FluentAssertions;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// The oldest glibc a node needs for the published <c>multinet</c>: the highest <c>GLIBC_x.y</c> version its dynamic
/// symbols require (readelf's version-needs section), and the figure README states for it.
/// </summary>
public sealed partial class GlibcRequirementTests
{
    [Fact]
    public void HighestGlibcVersion_OfThePublishedPlugin_IsTheOneTheReadmeStates()
    {
        var needed = HighestGlibcNeeded(RepoLayout.Plugin);
        var documented = ReadmeRequirement().Match(File.ReadAllText(Path.Combine(RepoLayout.Root, "README.md")));

        documented.Success.Should().BeTrue("README states \"needs glibc X.Y or newer\" for multinet");
        needed.Should().Be(Version.Parse(documented.Groups[1].Value), "README must state what the binary really needs");
    }

    private static Version HighestGlibcNeeded(string binary)
    {
        var dump = Shell.Check("readelf", "--version-info", "--wide", binary);
        var section = dump[dump.IndexOf(".gnu.version_r", StringComparison.Ordinal)..];
        return NeededGlibc().Matches(section).Select(m => Version.Parse(m.Groups[1].Value)).Max()
            ?? throw new InvalidOperationException($"{binary}: no GLIBC_ version needed");
    }

    [GeneratedRegex(@"Name: GLIBC_(\d+\.\d+(?:\.\d+)?)\s")]
    private static partial Regex NeededGlibc();

    [GeneratedRegex(@"`multinet`[^\n]*needs glibc (\d+\.\d+) or newer")]
    private static partial Regex ReadmeRequirement();
}
