using System.Runtime.InteropServices;

namespace MultiNet.Cni.Invocation;

/// <summary>The libc calls <see cref="ChrootLauncher.Exec"/> makes in the launched child.</summary>
internal static partial class ChrootInterop
{
    internal const int SigPipe = 13;
    internal const int SigSetMask = 2;
    internal const int TextFileBusy = 26; // ETXTBSY

    /// <summary>sigset_t as glibc and musl size it (1024 bits); all zero is the empty set.</summary>
    internal const int SigSetBytes = 128;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chroot(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chdir(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int execv(string path, string?[] argv);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial nint signal(int signum, nint handler);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int sigprocmask(int how, ReadOnlySpan<byte> set, nint oldset);
}
