using System.Runtime.InteropServices;
using System.Text;

namespace MultiNet.Plugin.Logging;

/// <summary>
/// A log file opened with <c>O_APPEND</c>, one <c>write</c> per line. The runtime starts many plugin processes at once
/// and they all log to the same file: .NET's <c>FileMode.Append</c> only seeks to the end once and then writes at its
/// own offset, so concurrent processes overwrote each other's lines. With <c>O_APPEND</c> the kernel puts every
/// write at the end of the file as it is at that moment.
/// </summary>
internal sealed partial class AppendOnlyFile : IDisposable
{
    private const int OWrOnly = 1;
    private const int OCreat = 0x40;
    private const int OAppend = 0x400;
    private const int OCloexec = 0x80000;
    private const int Mode0644 = 0x1A4;
    private const int EIntr = 4;
    private int _fd;

    private AppendOnlyFile(int fd) => _fd = fd;

    /// <summary>Opens (creating) <paramref name="path"/> for appending; throws <see cref="IOException"/> naming the reason.</summary>
    public static AppendOnlyFile Open(string path)
    {
        var fd = open(path, OWrOnly | OCreat | OAppend | OCloexec, Mode0644);
        return fd >= 0 ? new AppendOnlyFile(fd) : throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
    }

    /// <summary>Appends the line and a newline in one write; a failed write is dropped (logging never fails a CNI call).</summary>
    public void WriteLine(string line)
    {
        if (_fd < 0)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        ReadOnlySpan<byte> rest = bytes;
        while (rest.Length > 0)
        {
            var written = write(_fd, rest, (nuint)rest.Length);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() == EIntr)
                {
                    continue;
                }

                return;
            }

            rest = rest[(int)written..];
        }
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
