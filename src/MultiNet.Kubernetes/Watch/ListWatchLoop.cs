using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MultiNet.Kubernetes.Watch;

/// <summary>
/// Keeps a cache in step with the API the way client-go's reflector does: list, then watch from the list's
/// resourceVersion; a watch that ends is resumed from the last version seen; a 410 (history gone) or a failure
/// lists again after a growing back-off. <see cref="IsSynced"/> turns true after the first successful list.
/// </summary>
public sealed class ListWatchLoop<T>
{
    private readonly IListWatchSource<T> _source;
    private readonly IWatchCacheSink<T> _sink;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ListWatchOptions _options;
    private volatile bool _synced;
    private int _restarts;

    /// <summary>Creates the loop; nothing runs before <see cref="RunAsync"/>.</summary>
    public ListWatchLoop(IListWatchSource<T> source, IWatchCacheSink<T> sink, ILogger? logger = null, TimeProvider? time = null, ListWatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        _source = source;
        _sink = sink;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _options = options ?? new ListWatchOptions();
    }

    /// <summary>True once a list has been applied.</summary>
    public bool IsSynced => _synced;

    /// <summary>How many times the loop had to list again (after 410 or a failure).</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>Called after every relist caused by an expiry or a failure (for metrics).</summary>
    public Action? OnRestart { get; init; }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        TimeSpan backoff = _options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                (IReadOnlyList<T> items, string version) = await _source.ListAsync(cancellationToken).ConfigureAwait(false);
                _sink.Replace(items);
                _synced = true;
                _logger.Listed(_source.Resource, items.Count, version);
                await WatchFromAsync(version, () => backoff = _options.InitialBackoff, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (WatchExpiredException e)
            {
                _logger.WatchExpired(_source.Resource, e.Message);
                Restarted();
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.WatchFailed(_source.Resource, e.Message, backoff.TotalMilliseconds);
                Restarted();
            }

            try
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    // Watches until a failure; a stream the server ended normally is resumed from the last version seen.
    private async Task WatchFromAsync(string version, Action healthy, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long started = _time.GetTimestamp();
            string before = version;
            await foreach (WatchChange<T> change in _source.WatchAsync(version, v => version = v, cancellationToken).ConfigureAwait(false))
            {
                _sink.Apply(change);
                healthy();
            }

            // A stream that ends at once with nothing new must not become a busy loop of requests.
            if (version == before && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                await Task.Delay(_options.InitialBackoff, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Restarted()
    {
        Interlocked.Increment(ref _restarts);
        OnRestart?.Invoke();
    }
}
