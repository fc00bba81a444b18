namespace MultiNet.Benchmarks;

/// <summary>
/// Reads a process's resident set every millisecond on a thread of its own (a pool thread would wait behind the
/// load it measures) until stopped, and keeps the highest reading.
/// </summary>
internal sealed class RssSampler
{
    private readonly Func<long> _readKib;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peakKib;

    private RssSampler(Func<long> readKib)
    {
        _readKib = readKib;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rss-sampler" };
    }

    /// <summary>Starts sampling <paramref name="readKib"/> (a reading in KiB).</summary>
    public static RssSampler Start(Func<long> readKib)
    {
        var sampler = new RssSampler(readKib);
        sampler._thread.Start();
        return sampler;
    }

    /// <summary>Stops and returns the highest reading, in KiB.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return _peakKib;
    }

    private void Loop()
    {
        while (!_stop)
        {
            _peakKib = Math.Max(_peakKib, _readKib());
            Thread.Sleep(1);
        }
    }
}
