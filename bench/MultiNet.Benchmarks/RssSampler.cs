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
    private Exception? _failure;

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

    /// <summary>Stops and returns the highest reading, in KiB; a reading that failed (the process is gone) fails the run.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return _failure is null ? _peakKib : throw new BenchmarkFailedException($"sampling RSS failed: {_failure.Message}", _failure);
    }

    private void Loop()
    {
        try
        {
            while (!_stop)
            {
                _peakKib = Math.Max(_peakKib, _readKib());
                Thread.Sleep(1);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            _failure = e;
        }
    }
}
