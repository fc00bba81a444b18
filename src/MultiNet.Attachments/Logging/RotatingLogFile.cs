using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using MultiNet.Attachments.Netns;

namespace MultiNet.Attachments.Logging;

/// <summary>
/// A log file opened with <c>O_APPEND</c>, one <c>write</c> per line, rotated by size as Multus's <c>logOptions</c> say.
/// Many short-lived plugin processes append to the same file at once: .NET's <c>FileMode.Append</c> seeks to the end
/// once and then writes at its own offset (concurrent processes overwrote each other's lines), while with
/// <c>O_APPEND</c> the kernel puts every write at the end of the file as it is then. Opening costs one <c>statx</c>
/// (the size); writes count their own bytes. Rotation renames the file under an exclusive <c>flock</c> on it, and only
/// if the path still names the file this process holds: a process that finds it already renamed reopens the path.
/// </summary>
public sealed class RotatingLogFile : IDisposable
{
    private const int Mode0644 = 0x1A4;
    private readonly string _path;
    private readonly LogRotation _rotation;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _fd;
    private long _size;

    private RotatingLogFile(string path, LogRotation rotation, TimeProvider time, int fd)
    {
        (_path, _rotation, _time) = (path, rotation, time);
        (_fd, _size) = (fd, SizeOf(fd));
    }

    /// <summary>The size in bytes past which the file is rotated.</summary>
    internal long MaxSizeBytes { get; init; }

    /// <summary>Opens (creating the file and its directory) <paramref name="path"/>; throws <see cref="IOException"/> naming the reason.</summary>
    public static RotatingLogFile Open(string path, LogRotation rotation, TimeProvider? time = null) =>
        Open(path, rotation, rotation.MaxSizeBytes, time ?? TimeProvider.System);

    /// <summary>As <see cref="Open(string, LogRotation, TimeProvider?)"/> with the size limit in bytes (tests rotate small files).</summary>
    internal static RotatingLogFile Open(string path, LogRotation rotation, long maxSizeBytes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        try
        {
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            return new RotatingLogFile(path, rotation, time, OpenFd(path)) { MaxSizeBytes = maxSizeBytes };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open \"{path}\": {e.Message}", e);
        }
    }

    /// <summary>Appends the line and a newline in one write; a failed write is dropped (logging never fails the work).</summary>
    public void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            if (_fd >= 0 && _size > 0 && _size + bytes.Length > MaxSizeBytes)
            {
                Rotate(bytes.Length);
            }

            if (_fd >= 0 && WriteAll(_fd, bytes))
            {
                _size += bytes.Length;
            }
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_fd >= 0)
            {
                _ = LinuxInterop.close(_fd);
                _fd = -1;
            }
        }
    }

    private void Rotate(int incoming)
    {
        string? backup = null;
        while (LinuxInterop.flock(_fd, LinuxInterop.LockExclusive) != 0 && Marshal.GetLastPInvokeError() == LinuxInterop.EIntr)
        {
        }

        try
        {
            // Another process may have rotated while this one waited: the path then names a newer file.
            if (Identity(_path) is { } current && current == Identity(_fd) && SizeOf(_fd) + incoming > MaxSizeBytes)
            {
                backup = LogBackups.RenameToBackup(_path, _time.GetUtcNow());
            }
        }
        finally
        {
            _ = LinuxInterop.close(_fd); // releases the lock
            _fd = -1;
        }

        try
        {
            _fd = OpenFd(_path);
            _size = SizeOf(_fd);
        }
        catch (IOException)
        {
            _fd = -1;
        }

        if (backup is not null)
        {
            LogBackups.Tidy(_path, backup, _rotation, _time.GetUtcNow());
        }
    }

    private static int OpenFd(string path)
    {
        var fd = LinuxInterop.open(path, LinuxInterop.OWriteOnly | LinuxInterop.OCreate | LinuxInterop.OAppend | LinuxInterop.OCloexec, Mode0644);
        return fd >= 0 ? fd : throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
    }

    private static bool WriteAll(int fd, ReadOnlySpan<byte> rest)
    {
        while (rest.Length > 0)
        {
            var written = LinuxInterop.write(fd, rest, (nuint)rest.Length);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() == LinuxInterop.EIntr)
                {
                    continue;
                }

                return false;
            }

            rest = rest[(int)written..];
        }

        return true;
    }

    private static long SizeOf(int fd)
    {
        Span<byte> buffer = stackalloc byte[LinuxInterop.StatxSize];
        return LinuxInterop.statx(fd, "", LinuxInterop.AtEmptyPath, LinuxInterop.StatxSizeMask, buffer) == 0
            ? (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[LinuxInterop.StatxSizeOffset..])
            : 0;
    }

    private static (ulong Inode, uint Major, uint Minor)? Identity(int fd) => Identity(fd, "", LinuxInterop.AtEmptyPath);

    private static (ulong Inode, uint Major, uint Minor)? Identity(string path) => Identity(LinuxInterop.AtFdCwd, path, 0);

    private static (ulong Inode, uint Major, uint Minor)? Identity(int dirFd, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[LinuxInterop.StatxSize];
        if (LinuxInterop.statx(dirFd, path, flags, LinuxInterop.StatxIno, buffer) != 0)
        {
            return null;
        }

        return (BinaryPrimitives.ReadUInt64LittleEndian(buffer[LinuxInterop.StatxInoOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer[LinuxInterop.StatxDevMajorOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer[LinuxInterop.StatxDevMinorOffset..]));
    }
}
