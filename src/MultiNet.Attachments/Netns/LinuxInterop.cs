using System.Runtime.InteropServices;

namespace MultiNet.Attachments.Netns;

/// <summary>The libc calls the namespace thread, the rtnetlink socket and the log files need.</summary>
internal static partial class LinuxInterop
{
    internal const int AfNetlink = 16;
    internal const int SockRaw = 3;
    internal const int SockCloexec = 0x80000;
    internal const int NetlinkRoute = 0;
    internal const int OReadOnly = 0;
    internal const int OCloexec = 0x80000;
    internal const int CloneNewNet = 0x40000000;
    internal const int SolSocket = 1;
    internal const int SoReceiveTimeout = 20;
    internal const int SolNetlink = 270;
    internal const int NetlinkCapAck = 10;
    internal const int NetlinkExtAck = 11;
    internal const int MsgTrunc = 0x20;
    internal const int AtFdCwd = -100;
    internal const int AtEmptyPath = 0x1000;
    internal const int OWriteOnly = 1;
    internal const int OCreate = 0x40;
    internal const int OAppend = 0x400;
    internal const int LockExclusive = 2;
    internal const int EIntr = 4;
    internal const int EExist = 17;
    internal const uint RenameNoReplace = 1;
    internal const uint StatxSizeMask = 0x200;
    internal const int StatxSizeOffset = 40;
    internal const uint StatxIno = 0x100;
    internal const int StatxSize = 256;
    internal const int StatxInoOffset = 32;
    internal const int StatxDevMajorOffset = 136;
    internal const int StatxDevMinorOffset = 140;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setsockopt(int fd, int level, int name, ReadOnlySpan<byte> value, int length);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint send(int fd, ReadOnlySpan<byte> buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint recv(int fd, Span<byte> buffer, nuint length, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint write(int fd, ReadOnlySpan<byte> buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirfd, string path, int flags, uint mask, Span<byte> buffer);
}
