using FluentAssertions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Tests.Protocol;

public sealed class CniArgsTests
{
    [Fact]
    public void Parse_KubernetesArgs_KeepsOrderAndValues()
    {
        var pairs = CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_UID=");

        pairs.Should().Equal(
            new KeyValuePair<string, string>("IgnoreUnknown", "1"),
            new KeyValuePair<string, string>("K8S_POD_NAMESPACE", "default"),
            new KeyValuePair<string, string>("K8S_POD_NAME", "web-0"),
            new KeyValuePair<string, string>("K8S_POD_UID", ""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Nothing_IsEmpty(string? raw) => CniArgs.Parse(raw).Should().BeEmpty();

    [Fact]
    public void Parse_TrailingSemicolon_IsTolerated() =>
        CniArgs.Parse("A=1;").Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("A", "1"));

    [Theory]
    [InlineData("A", "\"A\"")]
    [InlineData("A=1;B", "\"B\"")]
    [InlineData("A=1=2", "\"A=1=2\"")]
    [InlineData("=1", "\"=1\"")]
    public void Parse_BadPair_IsCode4NamingCniArgsAndThePair(string raw, string pair)
    {
        var act = () => CniArgs.Parse(raw);

        var error = act.Should().Throw<CniException>().Which;
        error.Code.Should().Be(CniErrorCode.InvalidEnvironment);
        error.Message.Should().Contain("CNI_ARGS").And.Contain(pair);
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        KeyValuePair<string, string>[] pairs = [new("IgnoreUnknown", "true"), new("K8S_POD_NAME", "a"), new("X", "")];

        var text = CniArgs.Format(pairs);

        text.Should().Be("IgnoreUnknown=true;K8S_POD_NAME=a;X=");
        CniArgs.Parse(text).Should().Equal(pairs);
    }

    [Theory]
    [InlineData("A;B", "v")]
    [InlineData("A", "x=y")]
    [InlineData("", "v")]
    public void Format_UnencodablePair_IsCode4(string key, string value)
    {
        var act = () => CniArgs.Format([new(key, value)]);
        act.Should().Throw<CniException>().Which.Code.Should().Be(CniErrorCode.InvalidEnvironment);
    }
}
