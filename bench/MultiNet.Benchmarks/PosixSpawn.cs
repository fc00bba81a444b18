using System.ComponentModel;
using System.Runtime.InteropServices;

namespace MultiNet.Benchmarks;

/// <summary>
/// Starts a process the way a Go container runtime does (glibc <c>posix_spawn</c>: clone with CLONE_VFORK, then exec)
/// and waits for it with <c>waitpid</c>. <see cref="System.Diagnostics.Process"/> costs about 1.5 ms more per start
/// here (its pipes, async readers and SIGCHLD handling), which would be billed to multinet's own start-up.
/// stdin, stdout and stderr are files.
/// </summary>
internal static partial class PosixSpawn
{
    private const int ORdOnly = 0, OWrOnly = 1, OCreat = 0x40, OTrunc = 0x200;
    private const short SetSigDefault = 0x04, SetSigMask = 0x08;
    private const int SigPipe = 13;
    private const int EIntr = 4;

    /// <summary>Spawns <paramref name="path"/> with <paramref name="env"/>; returns its pid.</summary>
    public static int Start(string path, IReadOnlyDictionary<string, string> env, string stdinFile, string stdoutFile, string stderrFile)
    {
        // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; room to spare.
        var actions = Marshal.AllocHGlobal(512);
        var attr = Marshal.AllocHGlobal(1024);
        var signals = Marshal.AllocHGlobal(256);
        var noSignals = Marshal.AllocHGlobal(256);
        var argv = Strings([path]);
        var envp = Strings([.. env.Select(p => $"{p.Key}={p.Value}")]);
        try
        {
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(posix_spawn_file_actions_addopen(actions, 0, stdinFile, ORdOnly, 0), "addopen stdin");
            Check(posix_spawn_file_actions_addopen(actions, 1, stdoutFile, OWrOnly | OCreat | OTrunc, 0x180), "addopen stdout");
            Check(posix_spawn_file_actions_addopen(actions, 2, stderrFile, OWrOnly | OCreat | OTrunc, 0x180), "addopen stderr");

            // .NET ignores SIGPIPE; a runtime's child starts with the default, and an empty signal mask.
            Check(posix_spawnattr_init(attr), "posix_spawnattr_init");
            Check(sigemptyset(signals) == 0 && sigaddset(signals, SigPipe) == 0 ? 0 : -1, "sigaddset");
            Check(sigemptyset(noSignals) == 0 ? 0 : -1, "sigemptyset");
            Check(posix_spawnattr_setsigdefault(attr, signals), "posix_spawnattr_setsigdefault");
            Check(posix_spawnattr_setsigmask(attr, noSignals), "posix_spawnattr_setsigmask");
            Check(posix_spawnattr_setflags(attr, SetSigDefault | SetSigMask), "posix_spawnattr_setflags");

            var error = posix_spawn(out var pid, path, actions, attr, argv, envp);
            return error == 0 ? pid : throw new Win32Exception(error, $"posix_spawn {path}");
        }
        finally
        {
            _ = posix_spawn_file_actions_destroy(actions);
            _ = posix_spawnattr_destroy(attr);
            Free(argv);
            Free(envp);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attr);
            Marshal.FreeHGlobal(signals);
            Marshal.FreeHGlobal(noSignals);
        }
    }

    /// <summary>Blocks until <paramref name="pid"/> exits; returns its exit code (128 + signal when killed).</summary>
    public static int Wait(int pid)
    {
        while (true)
        {
            if (waitpid(pid, out var status, 0) == pid)
            {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != EIntr)
            {
                throw new Win32Exception(errno, $"waitpid {pid}");
            }
        }
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new Win32Exception(result, what);
        }
    }

    private static IntPtr[] Strings(IReadOnlyList<string> values)
    {
        var array = new IntPtr[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            array[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
        }

        return array;
    }

    private static void Free(IntPtr[] strings)
    {
        foreach (var s in strings)
        {
            Marshal.FreeCoTaskMem(s);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn(out int pid, string path, IntPtr fileActions, IntPtr attr, IntPtr[] argv, IntPtr[] envp);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(IntPtr actions);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addopen(IntPtr actions, int fd, string path, int flags, uint mode);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(IntPtr actions);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_init(IntPtr attr);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setflags(IntPtr attr, short flags);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigdefault(IntPtr attr, IntPtr signals);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_setsigmask(IntPtr attr, IntPtr signals);

    [LibraryImport("libc")]
    private static partial int posix_spawnattr_destroy(IntPtr attr);

    [LibraryImport("libc")]
    private static partial int sigemptyset(IntPtr set);

    [LibraryImport("libc")]
    private static partial int sigaddset(IntPtr set, int signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitpid(int pid, out int status, int options);
}
