using FluentAssertions;
using MultiNet.Cni.Invocation;
using MultiNet.Cni.Protocol;
using MultiNet.Cni.Tests.Support;

namespace MultiNet.Cni.Tests.Invocation;

public sealed class PluginLocatorTests : IDisposable
{
    private readonly ScriptPlugins _first = new();
    private readonly ScriptPlugins _second = new();

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [Fact]
    public void Find_InLaterDir_ReturnsThatPath()
    {
        var path = _second.Add("macvlan", "exit 0");

        new PluginLocator([_first.Dir, _second.Dir]).Find("macvlan").Should().Be(path);
    }

    [Fact]
    public void Find_InBothDirs_FirstWins()
    {
        var path = _first.Add("bridge", "exit 0");
        _second.Add("bridge", "exit 0");

        new PluginLocator([_first.Dir, _second.Dir]).Find("bridge").Should().Be(path);
    }

    [Fact]
    public void Find_NotExecutableOrDirectory_IsSkipped()
    {
        File.WriteAllText(Path.Combine(_first.Dir, "tuning"), "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(_first.Dir, "ptp"));
        var tuning = _second.Add("tuning", "exit 0");

        var locator = new PluginLocator([_first.Dir, _second.Dir]);

        locator.Find("tuning").Should().Be(tuning);
        FluentActions.Invoking(() => locator.Find("ptp")).Should().Throw<CniException>();
    }

    [Fact]
    public void Find_Missing_IsCode7ListingThePath()
    {
        var e = FluentActions.Invoking(() => new PluginLocator(["/nonexistent/a", "/nonexistent/b"]).Find("nope"))
            .Should().Throw<CniException>().Which;

        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Be("failed to find plugin \"nope\" in path [/nonexistent/a /nonexistent/b]");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("/usr/lib/cni/bridge")]
    [InlineData("a\\b")]
    public void Find_TypeThatIsAPath_IsRefused(string type)
    {
        _first.Add("x", "exit 0");

        var e = FluentActions.Invoking(() => new PluginLocator([Path.Combine(_first.Dir, "sub")]).Find(type))
            .Should().Throw<CniException>().Which;

        e.Code.Should().Be(CniErrorCode.InvalidConfig);
        e.Message.Should().Contain("\"type\"").And.Contain($"\"{type}\"");
    }
}
