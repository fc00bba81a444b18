using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MultiNet.Testing.Node;

/// <summary>The published multinetd, started with a config file; its stderr is collected for assertions and failure messages.</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DaemonProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Pid => _process.Id;

    public static DaemonProcess Start(params string[] args) => StartWrapped([], args);

    /// <summary>
    /// Starts <c>WRAPPER... multinetd ARGS...</c> (a wrapper such as unshare, which must exec it; none when empty) with
    /// these environment variables set (e.g. <c>TZ</c>).
    /// </summary>
    public static DaemonProcess StartWrapped(
        IReadOnlyList<string> wrapper, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(wrapper);
        ArgumentNullException.ThrowIfNull(args);
        var command = wrapper.Append(RepoLayout.Daemon).Concat(args).ToList();
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("NODE_NAME");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        return new DaemonProcess(Process.Start(psi)!);
    }

    /// <summary>
    /// Starts multinetd with <paramref name="configPath"/> and waits until <c>/readyz</c> on <paramref name="socketPath"/>
    /// answers 200 (its caches are synced); throws with its log when it exits or is not ready within 30 s.
    /// </summary>
    public static async Task<DaemonProcess> StartReadyAsync(
        string configPath, string socketPath, Func<string>? log = null, IReadOnlyList<string>? wrapper = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var daemon = StartWrapped(wrapper ?? [], ["--config", configPath], environment);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await SocketClient.ReadyStatusAsync(socketPath) != 200)
        {
            if (daemon.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"multinetd did not become ready (exited: {daemon.HasExited}):\n{log?.Invoke() ?? daemon.Log}");
            }

            await Task.Delay(10);
        }

        return daemon;
    }

    /// <summary>Sends SIGTERM (the kubelet's way of stopping a pod).</summary>
    public void Terminate() => Shell.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
