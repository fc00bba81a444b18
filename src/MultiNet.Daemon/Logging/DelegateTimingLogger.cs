using Microsoft.Extensions.Logging;
using MultiNet.Daemon.Metrics;

namespace MultiNet.Daemon.Logging;

/// <summary>
/// The engine's logger in the daemon: forwards everything, and takes the delegate timings the engine already logs
/// (event 101, "network ... done in N ms") into the delegate histogram, so the engine needs no metrics hook.
/// </summary>
internal sealed class DelegateTimingLogger(ILogger inner, DaemonMetrics metrics) : ILogger
{
    private const int AttachedEventId = 101;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Debug || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == AttachedEventId && state is IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            foreach (var (key, value) in fields)
            {
                if (key == "Milliseconds" && value is double ms)
                {
                    metrics.RecordDelegate(TimeSpan.FromMilliseconds(ms));
                }
            }
        }

        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
