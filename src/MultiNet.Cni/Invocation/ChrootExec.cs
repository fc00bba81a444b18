using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Runs a program with another root directory, e.g. the host's <c>/</c> mounted into a container at <c>/hostroot</c>,
/// so the program sees exactly the files it would see on the host. .NET cannot chroot a child it starts, so the child
/// is a launcher (an executable whose entry point hands <see cref="ModeArgument"/> to <see cref="Run"/>: multinetd)
/// that calls chroot(2), chdir("/") and execve(2) with the environment and stdio it was given: what the program then
/// runs as is exactly what a process started on the host would be (same pid, pipes and environment).
/// </summary>
public static partial class ChrootExec
{
    /// <summary>The launcher's first argument that selects this mode: <c>LAUNCHER chroot-exec ROOT PROGRAM [ARGS...]</c>.</summary>
    public const string ModeArgument = "chroot-exec";

    /// <summary>Exit code when the root or the program cannot be entered or executed (as shells answer for "cannot execute").</summary>
    public const int CannotExecute = 126;

    /// <summary>Exit code when the program (or its ELF interpreter) does not exist in the root (as shells answer for "not found").</summary>
    public const int NotFound = 127;

    private const int Enoent = 2;
    private const uint ProgramHeaderInterpreter = 3;

    /// <summary>
    /// A start info that runs <paramref name="start"/>'s program chrooted into <paramref name="root"/> through
    /// <paramref name="launcher"/>; arguments, environment, working directory (applied before the chroot: the program
    /// starts in the new root's <c>/</c>) and redirections are carried over. <paramref name="start"/>'s program is a
    /// path inside <paramref name="root"/>.
    /// </summary>
    public static ProcessStartInfo Wrap(ProcessStartInfo start, string root, string launcher)
    {
        ArgumentNullException.ThrowIfNull(start);
        var wrapped = new ProcessStartInfo(launcher)
        {
            UseShellExecute = false,
            RedirectStandardInput = start.RedirectStandardInput,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            WorkingDirectory = "/",
        };
        foreach (var arg in (IEnumerable<string>)[ModeArgument, root, start.FileName, .. start.ArgumentList])
        {
            wrapped.ArgumentList.Add(arg);
        }

        wrapped.Environment.Clear();
        foreach (var (name, value) in start.Environment)
        {
            wrapped.Environment[name] = value;
        }

        return wrapped;
    }

    /// <summary>
    /// The launcher's mode, with the arguments after <see cref="ModeArgument"/> (<c>ROOT PROGRAM [ARGS...]</c>): does
    /// not return when the program starts; otherwise writes why to <paramref name="stderr"/> and returns
    /// <see cref="NotFound"/> or <see cref="CannotExecute"/> (2 for bad arguments).
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count < 2 || !Path.IsPathRooted(args[0]) || !Path.IsPathRooted(args[1]))
        {
            stderr.WriteLine($"{ModeArgument}: usage: {ModeArgument} ROOT PROGRAM [ARGS...] (ROOT and PROGRAM absolute paths)");
            return 2;
        }

        var (root, program) = (args[0], args[1]);
        if (chroot(root) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            stderr.WriteLine($"{ModeArgument}: chroot \"{root}\": {Marshal.GetPInvokeErrorMessage(errno)}");
            return errno == Enoent ? NotFound : CannotExecute;
        }

        if (chdir("/") != 0)
        {
            stderr.WriteLine($"{ModeArgument}: chdir \"/\" in \"{root}\": {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return CannotExecute;
        }

        string?[] argv = [program, .. args.Skip(2), null];
        execv(program, argv);
        var error = Marshal.GetLastPInvokeError();
        stderr.WriteLine($"{ModeArgument}: exec \"{program}\" in \"{root}\": {Marshal.GetPInvokeErrorMessage(error)}{ExplainNotFound(error, program)}");
        return error == Enoent ? NotFound : CannotExecute;
    }

    // ENOENT for a file that exists means its ELF interpreter (the dynamic loader) is not in this root.
    private static string ExplainNotFound(int errno, string program)
    {
        if (errno != Enoent || !File.Exists(program))
        {
            return "";
        }

        return ElfInterpreter(program) is { } interpreter
            ? $" (the file exists: its ELF interpreter \"{interpreter}\" is missing there)"
            : " (the file exists: its interpreter is missing there)";
    }

    // PT_INTERP of a 64-bit little-endian ELF file, or null.
    private static string? ElfInterpreter(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[64];
            if (file.Read(header) < 64 || !header[..4].SequenceEqual("\u007fELF"u8) || header[4] != 2 || header[5] != 1)
            {
                return null;
            }

            var offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(header[0x36..]);
            var count = BinaryPrimitives.ReadUInt16LittleEndian(header[0x38..]);
            var entry = new byte[size];
            for (var i = 0; i < count && size >= 0x28; i++)
            {
                file.Position = offset + ((long)i * size);
                file.ReadExactly(entry);
                if (BinaryPrimitives.ReadUInt32LittleEndian(entry) == ProgramHeaderInterpreter)
                {
                    var text = new byte[(int)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(0x20))];
                    file.Position = (long)BinaryPrimitives.ReadUInt64LittleEndian(entry.AsSpan(8));
                    file.ReadExactly(text);
                    return System.Text.Encoding.UTF8.GetString(text).TrimEnd('\0');
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chroot(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chdir(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int execv(string path, string?[] argv);
}
