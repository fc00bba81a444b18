namespace MultiNet.Daemon.CniConfig;

/// <summary>
/// Calls back on any change in one folder (inotify through <see cref="FileSystemWatcher"/>). A folder that does not
/// exist yet is watched once <see cref="TryStart"/> finds it; callers keep a periodic rescan for what inotify misses
/// (queue overflow, changes behind symlinks).
/// </summary>
internal sealed class DirectoryWatch(string folder, Action changed) : IDisposable
{
    private FileSystemWatcher? _watcher;

    /// <summary>The watched folder.</summary>
    public string Folder => folder;

    /// <summary>True while the folder is being watched.</summary>
    public bool IsWatching => _watcher is not null;

    /// <summary>Starts watching if not yet and the folder exists; returns <see cref="IsWatching"/>.</summary>
    public bool TryStart()
    {
        if (_watcher is not null || !Directory.Exists(folder))
        {
            return _watcher is not null;
        }

        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                    | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Created += (_, _) => changed();
            watcher.Changed += (_, _) => changed();
            watcher.Deleted += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();
            watcher.Error += (_, _) => OnError();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // The folder vanished between the check and the watch, or inotify limits are reached: the rescan covers it.
            _watcher = null;
        }

        return _watcher is not null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _watcher?.Dispose();
        _watcher = null;
    }

    // A deleted folder or an overflowed queue: drop the watch (TryStart renews it) and rescan.
    private void OnError()
    {
        var watcher = Interlocked.Exchange(ref _watcher, null);
        watcher?.Dispose();
        changed();
    }
}
