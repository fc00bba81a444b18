namespace MultiNet.Daemon.Server;

/// <summary>
/// At most <c>maxConcurrent</c> CNI requests run at once and at most <c>maxQueued</c> wait; a request beyond that
/// is refused at once, so a burst of pod starts cannot grow the daemon (and its delegate processes) without bound.
/// </summary>
internal sealed class RequestGate(int maxConcurrent, int maxQueued) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrent, maxConcurrent);
    private int _admitted;
    private int _running;

    /// <summary>Requests running now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Requests waiting for a slot.</summary>
    public int Queued => Math.Max(0, Volatile.Read(ref _admitted) - Volatile.Read(ref _running));

    /// <summary>Requests admitted and not finished (running or queued).</summary>
    public int InFlight => Volatile.Read(ref _admitted);

    /// <summary>Waits for a slot; returns null at once when every slot and the queue are taken. Dispose the lease to leave.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _admitted) > maxConcurrent + maxQueued)
        {
            Interlocked.Decrement(ref _admitted);
            return null;
        }

        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _admitted);
            throw;
        }

        Interlocked.Increment(ref _running);
        return new Lease(this);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Lease(RequestGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref gate._running);
                gate._slots.Release();
                Interlocked.Decrement(ref gate._admitted);
            }
        }
    }
}
