using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MultiNet.Daemon.Tests.CniConfig;

/// <summary>An <see cref="ILogger"/> that keeps "Level: message" lines, so tests assert on what an operator would read.</summary>
internal sealed class LogCapture : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
