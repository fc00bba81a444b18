using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Runs programs with another root filesystem, e.g. the host's <c>/</c> mounted into a container (Multus's
/// <c>chrootDir</c>), so a program sees the files, sockets and binaries it would see on the host. .NET cannot chroot
/// a child between fork and exec, so the child is an executable that understands <see cref="Verb"/> (multinetd; by
/// default the running executable itself, NativeAOT, milliseconds) and calls chroot(2), chdir("/") and execv(2) in
/// <see cref="Exec"/>: the program keeps that process — its pid, its pipes, its environment — so a timeout that
/// kills the child kills the program, and environment markers reach it.
/// </summary>
public sealed class ChrootLauncher
{
    /// <summary>The launcher's command line: <c>&lt;launcher&gt; chroot-exec ROOT PROGRAM [ARG...]</c>.</summary>
    public const string Verb = "chroot-exec";

    /// <summary>The exit code of a launch that failed before the program ran (the reason is on stderr), as shells use it.</summary>
    public const int CannotRunExitCode = 127;

    /// <summary>
    /// The PATH programs get inside the root: ours describes our image (a FROM scratch image has only /usr/local/bin),
    /// not the host, and plugins run programs by name (portmap and firewall run iptables). This is the PATH systemd
    /// gives the host's services, the container runtime among them, whose environment plugins get without chroot.
    /// </summary>
    public const string HostSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const int MaxExecAttempts = 5;

    /// <summary>Programs will run chrooted into <paramref name="root"/>, started through <paramref name="launcher"/>.</summary>
    /// <param name="root">An absolute directory: the new root.</param>
    /// <param name="launcher">An executable whose <c>Main</c> hands <see cref="Verb"/> to <see cref="Exec"/>; default /proc/self/exe (this executable, even if replaced on disk since).</param>
    public ChrootLauncher(string root, string launcher = "/proc/self/exe")
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(launcher);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) is { Length: > 0 } r ? r : "/";
        Launcher = launcher;
    }

    /// <summary>The directory that becomes <c>/</c>.</summary>
    public string Root { get; }

    /// <summary>The executable started to do the chroot.</summary>
    public string Launcher { get; }

    /// <summary>Where <paramref name="path"/> inside the root is, seen from here (symlinks resolved inside the root); null for a symlink loop.</summary>
    public string? HostPath(string path) => RootedPath.Resolve(Root, path);

    /// <summary>
    /// A start info that runs <paramref name="program"/> (a path inside the root) with <paramref name="args"/>; the caller
    /// adds redirections and environment as for the program itself (the launcher passes its environment on unchanged,
    /// but for PATH, which is <see cref="HostSearchPath"/>).
    /// </summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string>? args = null)
    {
        var info = new ProcessStartInfo(Launcher) { UseShellExecute = false, WorkingDirectory = "/" };
        info.Environment["PATH"] = HostSearchPath;
        info.ArgumentList.Add(Verb);
        info.ArgumentList.Add(Root);
        info.ArgumentList.Add(program);
        foreach (var arg in args ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>
    /// <paramref name="start"/> (a program inside the root, its arguments, environment and redirections) rewritten to
    /// go through the launcher; as <see cref="StartInfo"/>, PATH becomes <see cref="HostSearchPath"/>.
    /// </summary>
    public ProcessStartInfo Wrap(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var wrapped = StartInfo(start.FileName, start.ArgumentList);
        (wrapped.RedirectStandardInput, wrapped.RedirectStandardOutput, wrapped.RedirectStandardError) =
            (start.RedirectStandardInput, start.RedirectStandardOutput, start.RedirectStandardError);
        wrapped.Environment.Clear();
        foreach (var (name, value) in start.Environment)
        {
            wrapped.Environment[name] = value;
        }

        wrapped.Environment["PATH"] = HostSearchPath;
        return wrapped;
    }

    /// <summary>
    /// The launched child's side, given the arguments after <see cref="Verb"/> (<c>ROOT PROGRAM [ARG...]</c>): returns only
    /// when the program could not be started, with <see cref="CannotRunExitCode"/> after writing why to stderr.
    /// </summary>
    public static int Exec(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count < 2)
        {
            return Fail($"usage: {Verb} ROOT PROGRAM [ARG...]");
        }

        var (root, program) = (args[0], args[1]);
        if (ChrootInterop.chroot(root) != 0)
        {
            return Fail($"chroot to \"{root}\" failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        if (ChrootInterop.chdir("/") != 0)
        {
            return Fail($"chdir to / inside \"{root}\" failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        // What the runtime set up for itself must not reach the program: SIGPIPE ignored, signals blocked.
        ChrootInterop.signal(ChrootInterop.SigPipe, 0);
        ChrootInterop.sigprocmask(ChrootInterop.SigSetMask, stackalloc byte[ChrootInterop.SigSetBytes], 0);
        var argv = new string?[args.Count];
        for (var i = 1; i < args.Count; i++)
        {
            argv[i - 1] = args[i];
        }

        // A binary that was just written (an upgrade) fails exec with ETXTBSY for a moment; libcni retries the same way.
        for (var attempt = 1; ; attempt++)
        {
            ChrootInterop.execv(program, argv);
            var errno = Marshal.GetLastPInvokeError();
            if (errno != ChrootInterop.TextFileBusy || attempt == MaxExecAttempts)
            {
                return Fail($"cannot run \"{program}\" inside \"{root}\": {Marshal.GetPInvokeErrorMessage(errno)}{ElfInterpreter.ExplainMissing(errno, program)}");
            }

            Thread.Sleep(50 * attempt);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"{Verb}: {message}");
        return CannotRunExitCode;
    }
}
