using FluentAssertions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Tests.Protocol;

public sealed class CniVersionsTests
{
    [Fact]
    public void Supported_ListsEverySpecVersionInOrder() =>
        CniVersions.Supported.Should().Equal("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("0.3.1", true)]
    [InlineData("1.2.0", false)]
    [InlineData("1.0", false)]
    [InlineData("", false)]
    public void IsSupported_ExactMatchOnly(string version, bool expected) =>
        CniVersions.IsSupported(version).Should().Be(expected);

    [Theory]
    [InlineData("0.3.0", "0.3.1", -1)]
    [InlineData("0.4.0", "0.3.1", 1)]
    [InlineData("0.10.0", "0.9.0", 1)]
    [InlineData("1.0.0", "1.0.0", 0)]
    [InlineData("1.0", "1.0.0", 0)]
    [InlineData("1.1.0", "0.4.0", 1)]
    public void Compare_IsNumericPerPart(string a, string b, int sign) =>
        Math.Sign(CniVersions.Compare(a, b)).Should().Be(sign);

    [Theory]
    [InlineData("x.y.z")]
    [InlineData("1..0")]
    [InlineData("1.0.0.0")]
    [InlineData("v1.0.0")]
    public void Compare_NotAVersion_IsCode1(string bad)
    {
        var act = () => CniVersions.Compare(bad, "1.0.0");
        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.IncompatibleVersion);
    }

    [Theory]
    [InlineData("0.4.0", "0.4.0", true)]
    [InlineData("1.0.0", "0.4.0", true)]
    [InlineData("0.3.1", "0.4.0", false)]
    [InlineData("1.0.0", "1.1.0", false)]
    public void AtLeast_ComparesAgainstMinimum(string v, string min, bool expected) =>
        CniVersions.AtLeast(v, min).Should().Be(expected);

    [Fact]
    public void HighestSupported_IgnoresUnknownAndPicksMax() =>
        CniVersions.HighestSupported(["0.4.0", "9.9.9", "1.0.0", "0.3.1"]).Should().Be("1.0.0");
}
