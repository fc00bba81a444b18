using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultiNet.Daemon.Install;

namespace MultiNet.Daemon.CniConfig;

/// <summary>
/// Keeps <c>00-multinet.conflist</c> in front of the node's primary network config: writes it atomically, rewrites it
/// when the primary changes (folder watch plus a periodic rescan), removes it when there is no primary or the
/// readiness indicator file is missing, and on stop as <see cref="CniConfigOptions.Removal"/> says.
/// </summary>
internal sealed class CniConfigManager : IDisposable
{
    private const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly CniConfigOptions _options;
    private readonly ILogger _logger;
    private readonly IUninstallSignal? _uninstall;
    private readonly Lock _gate = new();
    private readonly ChangeSignal _changes;
    private readonly List<DirectoryWatch> _watches = [];
    private volatile string? _notReadyReason = "the cni config has not been generated yet";
    private string _lastSkipped = "";
    private bool _socketDirWarned;

    /// <summary>
    /// Creates the manager; throws <see cref="ArgumentException"/> when <paramref name="options"/> are invalid.
    /// <paramref name="uninstall"/> is asked at stop time when <see cref="CniConfigOptions.Removal"/> is
    /// <see cref="ConfigRemoval.OnUninstall"/>.
    /// </summary>
    public CniConfigManager(CniConfigOptions options, ILogger? logger = null, IUninstallSignal? uninstall = null, TimeProvider? timeProvider = null)
    {
        _options = options.Validated();
        _logger = logger ?? NullLogger.Instance;
        _uninstall = uninstall;
        _changes = new ChangeSignal(timeProvider ?? TimeProvider.System);
        _watches.Add(new DirectoryWatch(_options.ConfDir, _changes.Raise));
        if (_options.ReadinessIndicatorFile is { } readiness && Path.GetDirectoryName(readiness) is { } folder && folder != _options.ConfDir)
        {
            _watches.Add(new DirectoryWatch(folder, _changes.Raise));
        }
    }

    /// <summary>Null while the generated config is written and current; otherwise why not (for <c>/readyz</c>).</summary>
    public string? NotReadyReason => _notReadyReason;

    /// <summary>Full path of the generated file.</summary>
    public string OutputPath => _options.OutputPath;

    /// <summary>
    /// Reconciles now, then on every change in the config folder (and the readiness file's folder) and every
    /// <see cref="CniConfigOptions.RescanInterval"/> until <paramref name="cancellationToken"/> is cancelled; then
    /// removes the generated file or keeps it as <see cref="CniConfigOptions.Removal"/> says. Never throws for file problems.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RemoveLeftovers();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var watch in _watches)
                {
                    watch.TryStart();
                }

                Reconcile();
                await _changes.WaitAsync(_options.RescanInterval, _options.Debounce, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out.
        }
        finally
        {
            foreach (var watch in _watches)
            {
                watch.Dispose();
            }

            _notReadyReason = "stopped";
            await RemoveOnStopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One pass: select the primary, write or remove the generated file; returns true when ready.</summary>
    public bool Reconcile()
    {
        lock (_gate)
        {
            if (_options.ReadinessIndicatorFile is { } readiness && !File.Exists(readiness))
            {
                // Unready first, then remove: whoever sees the file gone already sees why.
                NotReady($"readiness indicator file \"{readiness}\" does not exist");
                RemoveGeneratedConfig($"readiness indicator file {readiness} is missing");
                return false;
            }

            var selection = PrimaryConfigFinder.Find(_options);
            LogSkipped(selection.Skipped);
            if (selection.Primary is not { } primary)
            {
                NotReady(selection.Reason ?? "no primary network config");
                if (selection.Problem == PrimaryProblem.NoPrimary)
                {
                    RemoveGeneratedConfig("no primary network config");
                }

                return false;
            }

            WarnIfSocketDirMissing();
            var content = GeneratedConflist.Build(primary, _options);
            try
            {
                if (!AtomicFile.HasContent(_options.OutputPath, content))
                {
                    AtomicFile.Write(_options.OutputPath, content, ConfigMode);
                    CniConfigLog.Written(_logger, _options.OutputPath, primary.Path, primary.CniVersion);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return NotReady($"cannot write \"{_options.OutputPath}\": {e.Message}");
            }

            if (_notReadyReason is not null)
            {
                _notReadyReason = null;
                CniConfigLog.Ready(_logger, _options.OutputPath);
            }

            return true;
        }
    }

    /// <summary>Removes the generated file (uninstall, SIGTERM); returns true when a file was removed.</summary>
    public bool RemoveGeneratedConfig(string why = "requested")
    {
        try
        {
            if (!File.Exists(_options.OutputPath))
            {
                return false;
            }

            File.Delete(_options.OutputPath);
            CniConfigLog.Removed(_logger, _options.OutputPath, why);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CniConfigLog.RemoveFailed(_logger, _options.OutputPath, e.Message);
            return false;
        }
    }

    private async Task RemoveOnStopAsync()
    {
        switch (_options.Removal)
        {
            case ConfigRemoval.Never:
                CniConfigLog.KeptOnStop(_logger, _options.OutputPath, "removal is \"never\"");
                return;
            case ConfigRemoval.OnUninstall when _uninstall is null:
                RemoveGeneratedConfig("multinet is stopping; no uninstall check is configured");
                return;
            case ConfigRemoval.OnUninstall:
                using (var timeout = new CancellationTokenSource(_options.UninstallCheckTimeout))
                {
                    if (await _uninstall.IsUninstallingAsync(timeout.Token).ConfigureAwait(false))
                    {
                        RemoveGeneratedConfig("multinet is being uninstalled");
                    }
                    else
                    {
                        CniConfigLog.KeptOnStop(_logger, _options.OutputPath,
                            "a restart, not an uninstall: pods starting meanwhile wait for multinet instead of missing their networks");
                    }
                }

                return;
            default:
                RemoveGeneratedConfig("multinet is stopping");
                return;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var watch in _watches)
        {
            watch.Dispose();
        }
    }

    private bool NotReady(string reason)
    {
        if (_notReadyReason != reason)
        {
            CniConfigLog.NotReady(_logger, reason);
        }

        _notReadyReason = reason;
        return false;
    }

    private void LogSkipped(IReadOnlyList<string> skipped)
    {
        var key = string.Join('\n', skipped);
        if (key != _lastSkipped)
        {
            foreach (var candidate in skipped)
            {
                CniConfigLog.Skipped(_logger, candidate);
            }

            _lastSkipped = key;
        }
    }

    private void WarnIfSocketDirMissing()
    {
        var missing = _options.Mode == CniConfigMode.Thick && !Directory.Exists(_options.SocketDir);
        if (missing && !_socketDirWarned)
        {
            CniConfigLog.SocketDirMissing(_logger, _options.SocketDir);
        }

        _socketDirWarned = missing;
    }

    private void RemoveLeftovers()
    {
        try
        {
            var removed = AtomicFile.RemoveLeftovers(_options.OutputPath);
            if (removed > 0)
            {
                CniConfigLog.LeftoversRemoved(_logger, removed, _options.OutputPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CniConfigLog.RemoveFailed(_logger, _options.OutputPath, e.Message);
        }
    }
}
