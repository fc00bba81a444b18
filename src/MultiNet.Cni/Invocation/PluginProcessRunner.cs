using System.ComponentModel;
using System.Diagnostics;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Invocation;

/// <summary>
/// Runs one plugin binary the way a CNI runtime does: the CNI environment, the config on stdin, the result on
/// stdout, stderr forwarded to ours. No shell is involved.
/// </summary>
public sealed class PluginProcessRunner
{
    private const int TextFileBusy = 26; // ETXTBSY on Linux
    private const int MaxStartAttempts = 5;

    private static readonly string[] CniVariables =
        ["CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"];

    /// <summary>
    /// Set on every delegate (and so on its children) to the container it works for: after a crash, the next
    /// operation on that container finds the delegates still running by it and waits for them.
    /// </summary>
    public const string ContainerMarkerVariable = "MULTINET_DELEGATE_OF";

    private readonly TextWriter _stderr;

    /// <summary>Creates a runner that forwards plugins' stderr to <see cref="Console.Error"/>.</summary>
    public PluginProcessRunner()
        : this(null)
    {
    }

    /// <summary>Creates a runner that forwards plugins' stderr to <paramref name="stderr"/> (Console.Error when null).</summary>
    public PluginProcessRunner(TextWriter? stderr)
        : this(stderr, null)
    {
    }

    /// <summary>
    /// Creates a runner that runs every plugin through <paramref name="chroot"/> (null: in our own root); plugin paths
    /// and <c>CNI_PATH</c> are then paths inside that root.
    /// </summary>
    public PluginProcessRunner(TextWriter? stderr, ChrootLauncher? chroot)
    {
        _stderr = stderr ?? Console.Error;
        Chroot = chroot;
    }

    /// <summary>The root plugins run in; null for our own.</summary>
    public ChrootLauncher? Chroot { get; }

    /// <summary>A locator over <paramref name="dirs"/> that searches where this runner's plugins run (inside <see cref="Chroot"/>).</summary>
    public PluginLocator Locator(IReadOnlyList<string> dirs) => new(dirs, Chroot);

    /// <summary>
    /// Executes <paramref name="pluginPath"/> with <paramref name="command"/> and returns its stdout. A non-zero
    /// exit becomes a <see cref="CniException"/> carrying the plugin's own code, message and details; a plugin
    /// that outlives <see cref="DelegateInvocation.Timeout"/> is killed with its children and every process still holding its
    /// stdout or stderr (code 102).
    /// </summary>
    public async Task<byte[]> ExecAsync(
        string pluginPath,
        CniCommand command,
        DelegateInvocation inv,
        ReadOnlyMemory<byte> stdin,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pluginPath);
        ArgumentNullException.ThrowIfNull(inv);
        var startInfo = CreateStartInfo(pluginPath, command, inv);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(inv.Timeout);
        using var process = await StartAsync(startInfo, pluginPath, timeout.Token).ConfigureAwait(false);
        var tail = new StderrTail();
        try
        {
            var stdoutTask = ReadAllAsync(process.StandardOutput.BaseStream, timeout.Token);
            var stderrTask = ForwardStderrAsync(process.StandardError, tail, timeout.Token);
            var stdinTask = WriteStdinAsync(process.StandardInput.BaseStream, stdin, timeout.Token);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await Task.WhenAll(stdinTask, stdoutTask, stderrTask).WaitAsync(timeout.Token).ConfigureAwait(false);

            var stdout = await stdoutTask.ConfigureAwait(false);
            return process.ExitCode == 0 ? stdout : throw PluginFailureReader.Read(process.ExitCode, stdout, tail.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill(process);
            throw new CniException(
                CniErrorCode.DelegateFailed,
                $"timed out after {inv.Timeout.TotalSeconds:0.###}s and was killed",
                tail.ToString() is { Length: > 0 } t ? t : null);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
    }

    private ProcessStartInfo CreateStartInfo(string pluginPath, CniCommand command, DelegateInvocation inv)
    {
        var info = Chroot?.StartInfo(pluginPath) ?? new ProcessStartInfo(pluginPath) { UseShellExecute = false, WorkingDirectory = "/" };
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;

        // Our own CNI_* values (from the runtime that called us) must not leak into the delegate's call.
        foreach (var name in CniVariables)
        {
            info.Environment.Remove(name);
        }

        info.Environment.Remove(ContainerMarkerVariable);
        info.Environment["CNI_COMMAND"] = CniCommandNames.ToWire(command);
        SetIfPresent(info, "CNI_CONTAINERID", inv.ContainerId);
        SetIfPresent(info, ContainerMarkerVariable, inv.ContainerId);
        SetIfPresent(info, "CNI_NETNS", inv.NetNs);
        SetIfPresent(info, "CNI_IFNAME", inv.IfName);
        SetIfPresent(info, "CNI_ARGS", CniArgs.Format(inv.Args));
        info.Environment["CNI_PATH"] = string.Join(':', inv.PluginDirs);
        return info;
    }

    private static void SetIfPresent(ProcessStartInfo info, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            info.Environment[name] = value;
        }
    }

    // A plugin binary that was just written (an upgrade, or another thread still holding it open across a fork)
    // fails exec with ETXTBSY for a moment; libcni retries the same way.
    private static async Task<Process> StartAsync(ProcessStartInfo info, string pluginPath, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(info)
                    ?? throw new CniException(CniErrorCode.DelegateFailed, $"failed to start plugin \"{pluginPath}\"");
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < MaxStartAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), ct).ConfigureAwait(false);
            }
            catch (Win32Exception e)
            {
                throw new CniException(
                    CniErrorCode.DelegateFailed,
                    $"failed to start plugin \"{pluginPath}\": {e.Message}",
                    inner: e);
            }
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private async Task ForwardStderrAsync(StreamReader reader, StderrTail tail, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            tail.Append(line);
            await _stderr.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static async Task WriteStdinAsync(Stream stdin, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        try
        {
            await stdin.WriteAsync(data, ct).ConfigureAwait(false);
            await stdin.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The plugin exited or closed stdin without reading all of it; its exit code tells what happened.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Same as above: a broken pipe on close.
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Gone between the check and the signal.
        }

        PipeHolders.KillAll(process.StandardOutput.BaseStream);
        PipeHolders.KillAll(process.StandardError.BaseStream);
    }
}
