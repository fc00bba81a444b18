using Microsoft.Extensions.Logging;

namespace MultiNet.Attachments.Logging;

/// <summary>
/// Loggers that write <see cref="LogLineFormatter"/> lines to stderr and/or a <see cref="RotatingLogFile"/>: the daemon's
/// <c>logFile</c> and <c>logFormat: json</c>, the controller's <c>--log-format json</c>.
/// </summary>
public sealed class LineLoggerProvider(LogFormat format, TextWriter? stderr, RotatingLogFile? file, TimeProvider? time = null) : ILoggerProvider
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly LogFormat _format = format;
    private readonly Lock _stderrGate = new();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    /// <summary>Closes the file.</summary>
    public void Dispose() => file?.Dispose();

    private void Write(string line)
    {
        file?.WriteLine(line);
        if (stderr is not null)
        {
            lock (_stderrGate)
            {
                stderr.WriteLine(line);
            }
        }
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(LogLineFormatter.Format(
                    provider._format, provider._time.GetUtcNow(), logLevel, category, eventId, state, exception, formatter(state, exception)));
            }
        }
    }
}
