using FluentAssertions;
using MultiNet.Plugin.Logging;
using Xunit;

namespace MultiNet.Plugin.Tests.Logging;

public sealed class AppendOnlyFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mn-log-{Guid.NewGuid():N}.log");

    [Fact]
    public void WriteLine_TwoWritersOnOneFile_KeepEveryLineOfBoth()
    {
        File.WriteAllText(_path, "existing\n");
        using var first = AppendOnlyFile.Open(_path);
        using var second = AppendOnlyFile.Open(_path);

        for (var i = 0; i < 50; i++)
        {
            first.WriteLine($"first {i}");
            second.WriteLine($"second {i} é");
        }

        var lines = File.ReadAllLines(_path);
        lines.Should().HaveCount(101);
        lines[0].Should().Be("existing");
        lines.Where(l => l.StartsWith("first ", StringComparison.Ordinal)).Should().Equal(Enumerable.Range(0, 50).Select(i => $"first {i}"));
        lines.Where(l => l.StartsWith("second ", StringComparison.Ordinal)).Should().Equal(Enumerable.Range(0, 50).Select(i => $"second {i} é"));
    }

    [Fact]
    public void Open_DirectoryMissing_ThrowsIOExceptionWithTheReason()
    {
        var act = () => AppendOnlyFile.Open(Path.Combine(_path + ".d", "x", "multinet.log"));

        act.Should().Throw<IOException>().WithMessage("*No such file or directory*");
    }

    [Fact]
    public void WriteLine_AfterDispose_IsIgnored()
    {
        var file = AppendOnlyFile.Open(_path);
        file.WriteLine("one");
        file.Dispose();

        file.WriteLine("two");

        File.ReadAllLines(_path).Should().Equal("one");
    }

    public void Dispose() => File.Delete(_path);
}
