using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Daemon.CniConfig;

namespace MultiNet.Daemon.Install;

/// <summary>
/// Writes the thin plugin's kubeconfig (0600, atomically) and rewrites it when the service-account token or CA
/// changes: the kubelet rotates projected tokens by swapping the <c>..data</c> symlink of the mounted folder, which
/// the folder watch sees; a periodic re-read covers anything the watch misses.
/// </summary>
internal sealed class KubeconfigRefresher(
    string kubeconfigPath,
    string serviceAccountDirectory,
    Func<string, string?> environment,
    ILogger? logger = null,
    TimeProvider? timeProvider = null)
{
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode SecretFolderMode = SecretMode | UnixFileMode.UserExecute;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ChangeSignal _changes = new(timeProvider ?? TimeProvider.System);

    /// <summary>How often the token is re-read without a change event.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the kubeconfig is written.</summary>
    public string KubeconfigPath => kubeconfigPath;

    /// <summary>
    /// Writes the kubeconfig if its content would change; returns true when written. Throws
    /// <see cref="InvalidOperationException"/> (service account) or <see cref="IOException"/> (writing) naming the path.
    /// </summary>
    public bool Refresh()
    {
        var content = ServiceAccountKubeconfig.Build(ServiceAccountCredentials.Read(serviceAccountDirectory, environment));
        if (AtomicFile.HasContent(kubeconfigPath, content) && File.GetUnixFileMode(kubeconfigPath) == SecretMode)
        {
            return false;
        }

        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, SecretFolderMode);
            }

            AtomicFile.Write(kubeconfigPath, content, SecretMode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"kubeconfig: cannot write \"{kubeconfigPath}\": {e.Message}", e);
        }

        InstallLog.KubeconfigWritten(_logger, kubeconfigPath);
        return true;
    }

    /// <summary>Refreshes now and on every change of the service-account folder until cancelled; logs failures and keeps going.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var watch = new DirectoryWatch(serviceAccountDirectory, _changes.Raise);
        string? lastError = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                watch.TryStart();
                try
                {
                    Refresh();
                    lastError = null;
                }
                catch (Exception e) when (e is InvalidOperationException or IOException)
                {
                    if (e.Message != lastError)
                    {
                        InstallLog.KubeconfigFailed(_logger, e.Message);
                    }

                    lastError = e.Message;
                }

                await _changes.WaitAsync(RefreshInterval, TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
    }
}
