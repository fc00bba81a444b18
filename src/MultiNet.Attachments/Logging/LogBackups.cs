using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using MultiNet.Attachments.Netns;

namespace MultiNet.Attachments.Logging;

/// <summary>
/// Rotated log files named as lumberjack names them: <c>multinet.log</c> → <c>multinet-2026-01-02T03-04-05.678.log</c>
/// (UTC), gzipped to <c>….log.gz</c> when <c>compress</c>; the oldest beyond <c>maxBackups</c> or <c>maxAge</c> removed.
/// </summary>
internal static class LogBackups
{
    private const string StampFormat = "yyyy-MM-dd'T'HH-mm-ss.fff";

    /// <summary>Renames <paramref name="path"/> to a backup name not yet taken; returns the backup's path.</summary>
    public static string RenameToBackup(string path, DateTimeOffset now)
    {
        // Never older than an existing backup, or pruning would take the newest for the oldest.
        var newest = Backups(path).Select(b => b.Stamp.AddMilliseconds(1)).DefaultIfEmpty(DateTime.MinValue).Max();
        var stamp = now.UtcDateTime > newest ? now.UtcDateTime : newest;
        while (true)
        {
            var backup = BackupPath(path, stamp);
            if (LinuxInterop.renameat2(LinuxInterop.AtFdCwd, path, LinuxInterop.AtFdCwd, backup, LinuxInterop.RenameNoReplace) == 0)
            {
                return backup;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != LinuxInterop.EExist)
            {
                throw new IOException($"cannot rename \"{path}\" to \"{backup}\": {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            stamp = stamp.AddMilliseconds(1); // two rotations in the same millisecond: the later one takes the next
        }
    }

    /// <summary>Compresses the new <paramref name="backup"/> if asked, then removes backups beyond the limits; failures are ignored.</summary>
    public static void Tidy(string path, string backup, LogRotation rotation, DateTimeOffset now)
    {
        try
        {
            if (rotation.Compress)
            {
                Compress(backup);
            }

            var kept = 0;
            foreach (var (file, stamp) in Backups(path).OrderByDescending(b => b.Stamp))
            {
                kept++;
                var tooMany = rotation.MaxBackups > 0 && kept > rotation.MaxBackups;
                var tooOld = rotation.MaxAgeDays > 0 && stamp < now.UtcDateTime.AddDays(-rotation.MaxAgeDays);
                if (tooMany || tooOld)
                {
                    File.Delete(file);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Tidying is best effort: the next rotation tries again.
        }
    }

    /// <summary>The backups of <paramref name="path"/> with their times, compressed or not.</summary>
    public static IEnumerable<(string File, DateTime Stamp)> Backups(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var (prefix, extension) = (Path.GetFileNameWithoutExtension(path) + "-", Path.GetExtension(path));
        foreach (var file in Directory.EnumerateFiles(dir, prefix + "*"))
        {
            var name = Path.GetFileName(file);
            var middle = name.EndsWith(extension + ".gz", StringComparison.Ordinal) ? name[prefix.Length..^(extension.Length + 3)]
                : name.EndsWith(extension, StringComparison.Ordinal) ? name[prefix.Length..^extension.Length]
                : null;
            if (middle is not null && DateTime.TryParseExact(middle, StampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var stamp))
            {
                yield return (file, stamp);
            }
        }
    }

    private static string BackupPath(string path, DateTime stamp) => Path.Combine(
        Path.GetDirectoryName(Path.GetFullPath(path))!,
        $"{Path.GetFileNameWithoutExtension(path)}-{stamp.ToString(StampFormat, CultureInfo.InvariantCulture)}{Path.GetExtension(path)}");

    // Written beside under a temporary name, so a reader never sees a half .gz under the final name.
    private static void Compress(string backup)
    {
        var partial = backup + ".gz.partial";
        using (var source = File.OpenRead(backup))
        using (var target = File.Create(partial))
        using (var gzip = new GZipStream(target, CompressionLevel.Fastest))
        {
            source.CopyTo(gzip);
        }

        File.Move(partial, backup + ".gz", overwrite: true);
        File.Delete(backup);
    }
}
