using System.Threading.Channels;

namespace MultiNet.Daemon.CniConfig;

/// <summary>A "something changed" flag that watchers raise and a loop waits on, with a period as the fallback.</summary>
internal sealed class ChangeSignal(TimeProvider time)
{
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raises the flag; many raises before the next wait count as one.</summary>
    public void Raise() => _changes.Writer.TryWrite(true);

    /// <summary>
    /// Returns after a raise (plus <paramref name="debounce"/>, so a burst of writes is read once) or after
    /// <paramref name="period"/>, whichever comes first; throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task WaitAsync(TimeSpan period, TimeSpan debounce, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(period);
        try
        {
            await _changes.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
            await Task.Delay(debounce, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The period passed without a change.
        }

        while (_changes.Reader.TryRead(out _))
        {
        }
    }
}
