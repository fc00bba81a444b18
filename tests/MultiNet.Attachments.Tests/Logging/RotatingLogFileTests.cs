using System.IO.Compression;
using FluentAssertions;
using MultiNet.Attachments.Logging;
using Xunit;

namespace MultiNet.Attachments.Tests.Logging;

public sealed class RotatingLogFileTests : IDisposable
{
    private static readonly LogRotation KeepAll = new() { MaxBackups = 0, MaxAgeDays = 0, Compress = false };
    private readonly string _dir = Directory.CreateTempSubdirectory("mn-log-").FullName;

    private string LogPath => Path.Combine(_dir, "multinet.log");

    [Fact]
    public void WriteLine_TwoWritersOnOneFile_KeepEveryLineOfBoth()
    {
        File.WriteAllText(LogPath, "existing\n");
        using var first = RotatingLogFile.Open(LogPath, new LogRotation());
        using var second = RotatingLogFile.Open(LogPath, new LogRotation());

        for (var i = 0; i < 50; i++)
        {
            first.WriteLine($"first {i}");
            second.WriteLine($"second {i} é");
        }

        var lines = File.ReadAllLines(LogPath);
        lines.Should().HaveCount(101);
        lines[0].Should().Be("existing");
        lines.Where(l => l.StartsWith("first ", StringComparison.Ordinal)).Should().Equal(Enumerable.Range(0, 50).Select(i => $"first {i}"));
        lines.Where(l => l.StartsWith("second ", StringComparison.Ordinal)).Should().Equal(Enumerable.Range(0, 50).Select(i => $"second {i} é"));
    }

    [Fact]
    public void Open_DirectoryMissing_CreatesIt()
    {
        var path = Path.Combine(_dir, "a", "b", "multinet.log");
        using (var file = RotatingLogFile.Open(path, new LogRotation()))
        {
            file.WriteLine("one");
        }

        File.ReadAllLines(path).Should().Equal("one");
    }

    [Fact]
    public void Open_PathUnderAFile_ThrowsIOExceptionNamingThePath()
    {
        File.WriteAllText(LogPath, "");
        var path = Path.Combine(LogPath, "multinet.log");

        var act = () => RotatingLogFile.Open(path, new LogRotation());

        act.Should().Throw<IOException>().WithMessage($"*\"{path}\"*");
    }

    [Fact]
    public void WriteLine_AfterDispose_IsIgnored()
    {
        var file = RotatingLogFile.Open(LogPath, new LogRotation());
        file.WriteLine("one");
        file.Dispose();

        file.WriteLine("two");

        File.ReadAllLines(LogPath).Should().Equal("one");
    }

    [Fact]
    public void WriteLine_PastMaxSize_RotatesAndKeepsMaxBackupsNewest()
    {
        var rotation = new LogRotation { MaxBackups = 2, MaxAgeDays = 0, Compress = false };
        using (var file = RotatingLogFile.Open(LogPath, rotation, maxSizeBytes: 100, TimeProvider.System))
        {
            for (var i = 0; i < 50; i++)
            {
                file.WriteLine($"line {i:D3} ......"); // 16 bytes with the newline: six lines a file
            }
        }

        var backups = LogBackups.Backups(LogPath).OrderBy(b => b.Stamp).Select(b => b.File).ToList();
        backups.Should().HaveCount(2);
        new FileInfo(LogPath).Length.Should().BeLessThanOrEqualTo(100);
        foreach (var backup in backups)
        {
            new FileInfo(backup).Length.Should().BeInRange(1, 100);
        }

        // The newest lines survive, in order, across the kept backups and the live file.
        var kept = backups.SelectMany(File.ReadAllLines).Concat(File.ReadAllLines(LogPath)).ToList();
        kept.Should().Equal(Enumerable.Range(50 - kept.Count, kept.Count).Select(i => $"line {i:D3} ......"));
        kept.Should().HaveCount(14);
    }

    [Fact]
    public void WriteLine_CompressOn_LeavesGzippedBackupsWithTheLines()
    {
        var rotation = new LogRotation { MaxBackups = 0, MaxAgeDays = 0, Compress = true };
        using (var file = RotatingLogFile.Open(LogPath, rotation, maxSizeBytes: 100, TimeProvider.System))
        {
            for (var i = 0; i < 15; i++)
            {
                file.WriteLine($"line {i:D3} ......");
            }
        }

        var backups = LogBackups.Backups(LogPath).OrderBy(b => b.Stamp).Select(b => b.File).ToList();
        backups.Should().HaveCount(2).And.OnlyContain(f => f.EndsWith(".log.gz", StringComparison.Ordinal));
        Directory.GetFiles(_dir).Should().HaveCount(3, "no uncompressed or partial backup is left beside the .gz files");
        var lines = backups.SelectMany(Gunzip).Concat(File.ReadAllLines(LogPath));
        lines.Should().Equal(Enumerable.Range(0, 15).Select(i => $"line {i:D3} ......"));
    }

    [Fact]
    public void WriteLine_BackupOlderThanMaxAge_IsRemovedAtTheNextRotation()
    {
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var old = Path.Combine(_dir, "multinet-2026-03-01T12-00-00.000.log");
        var recent = Path.Combine(_dir, "multinet-2026-03-08T12-00-00.000.log.gz");
        var unrelated = Path.Combine(_dir, "multinet-notes.log");
        File.WriteAllText(old, "old\n");
        File.WriteAllText(recent, "recent\n");
        File.WriteAllText(unrelated, "mine\n");
        var rotation = new LogRotation { MaxBackups = 0, MaxAgeDays = 5, Compress = false };

        using (var file = RotatingLogFile.Open(LogPath, rotation, maxSizeBytes: 10, new FixedTime(now)))
        {
            file.WriteLine("first line");
            file.WriteLine("second line");
        }

        File.Exists(old).Should().BeFalse();
        File.Exists(recent).Should().BeTrue();
        File.Exists(unrelated).Should().BeTrue();
        File.ReadAllLines(Path.Combine(_dir, "multinet-2026-03-10T12-00-00.000.log")).Should().Equal("first line");
        File.ReadAllLines(LogPath).Should().Equal("second line");
    }

    [Fact]
    public void WriteLine_ManyWritersRotatingAtOnce_LoseAndRepeatNoLine()
    {
        const int Writers = 8;
        const int Lines = 200;
        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, w =>
        {
            // Each writer its own open file description, as separate plugin processes have: flock and O_APPEND apply.
            for (var i = 0; i < Lines; i++)
            {
                using var file = RotatingLogFile.Open(LogPath, KeepAll, maxSizeBytes: 2000, TimeProvider.System);
                file.WriteLine($"writer {w} line {i:D4}");
            }
        });

        var files = LogBackups.Backups(LogPath).Select(b => b.File).Append(LogPath).ToList();
        var all = files.SelectMany(File.ReadAllLines).ToList();
        all.Should().HaveCount(Writers * Lines).And.OnlyHaveUniqueItems();
        files.Count.Should().BeGreaterThan(Writers * Lines * 24 / 2000 / 2, "the file was rotated many times");
        foreach (var backup in files)
        {
            // A writer that held the file as it was renamed may add a line after the limit; never more than one per writer.
            new FileInfo(backup).Length.Should().BeLessThanOrEqualTo(2000 + (Writers * 24));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
