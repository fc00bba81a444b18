using System.Text;
using System.Text.Json.Nodes;
using MultiNet.Testing.ApiServer;
using MultiNet.Testing.Node;

namespace MultiNet.Plugin.Tests.Integration;

/// <summary>
/// The published multinetd of a thick-mode <see cref="ThinModeHarness"/>: daemon.json in the node root (socket under
/// the node root, node "node-1", the stand-in's kubeconfig, debug log), started, killed and restarted by tests. Its
/// log keeps every run's stderr, so a restarted daemon's earlier life still shows in a failure message.
/// </summary>
internal sealed class HarnessDaemon(TestNetwork node, KubeApiStandIn api, string kubeconfig) : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);
    private readonly StringBuilder _earlierRuns = new();
    private DaemonProcess? _process;

    public string SocketDir { get; } = Path.Combine(node.Root, "run");

    public string SocketPath => Path.Combine(SocketDir, "multinet.sock");

    /// <summary>The running daemon's process id.</summary>
    public int Pid => _process?.Pid ?? throw new InvalidOperationException("multinetd was never started");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Every run's stderr, oldest first.</summary>
    public string Log => _earlierRuns + (_process?.Log ?? "");

    /// <summary>Starts multinetd and waits until it answers ready (its caches are synced).</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("multinetd is already running");
        }

        Retire();
        var path = Path.Combine(node.Root, "daemon.json");
        await File.WriteAllTextAsync(path, new JsonObject
        {
            ["socketDir"] = SocketDir,
            ["nodeName"] = "node-1",
            ["kubeconfig"] = kubeconfig,
            ["logLevel"] = "debug",
        }.ToJsonString());
        _process = await DaemonProcess.StartReadyAsync(path, SocketPath, () => Log);
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        Shell.Run("kill", "-9", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WaitForExitAsync();
    }

    /// <summary>SIGTERM (a drain: in-flight requests finish, new ones are refused), then waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (IsRunning)
        {
            _process!.Terminate();
            await WaitForExitAsync();
        }
    }

    /// <summary>Waits until the process exited (killed by a test's fault, or stopped).</summary>
    public async Task WaitForExitAsync()
    {
        if (_process is not null && !await _process.WaitForExitAsync(ExitWithin))
        {
            throw new InvalidOperationException($"multinetd did not exit within {ExitWithin.TotalSeconds} s:\n{Log}");
        }
    }

    /// <summary>
    /// Waits until the daemon's pod and NAD caches hold as many objects as the API (its metrics say so), so that what
    /// an ADD finds does not depend on how fast a watch event arrived.
    /// </summary>
    public Task WaitUntilCachedAsync() => SocketClient.WaitForMetricsAsync(SocketPath,
        [
            $"multinetd_cache_objects{{cache=\"pods\"}} {api.CountObjects("Pod")}",
            $"multinetd_cache_objects{{cache=\"nads\"}} {api.CountObjects("NetworkAttachmentDefinition")}",
        ], () => Log);

    public void Dispose() => Retire();

    private void Retire()
    {
        if (_process is not null)
        {
            _process.Dispose();
            _earlierRuns.Append(_process.Log).Append("--- multinetd restarted ---\n");
            _process = null;
        }
    }
}
