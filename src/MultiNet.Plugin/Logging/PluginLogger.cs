using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Logging;

namespace MultiNet.Plugin.Logging;

/// <summary>
/// A small logger for a short-lived process: appends lines to <c>logFile</c> (rotated as <c>logOptions</c> say) and/or
/// stderr (never stdout, which carries only the CNI result). A full logging stack would cost start-up time the plugin
/// does not have.
/// </summary>
internal sealed class PluginLogger : ILogger, IDisposable
{
    private const string Category = "multinet";
    private readonly LogLevel _minimum;
    private readonly RotatingLogFile? _file;
    private readonly bool _stderr;
    private readonly LogFormat _format;
    private readonly KeyValuePair<string, string>[] _context;

    /// <param name="minimum">The lowest level written.</param>
    /// <param name="logFile">Where to append, or null.</param>
    /// <param name="rotation">The file's <c>logOptions</c>.</param>
    /// <param name="toStderr">Whether lines also go to stderr.</param>
    /// <param name="format">Text or JSON lines.</param>
    /// <param name="command">The CNI command, in every line.</param>
    /// <param name="containerId">The container id, in every line.</param>
    public PluginLogger(LogLevel minimum, string? logFile, LogRotation rotation, bool toStderr, LogFormat format, string command, string containerId)
    {
        _minimum = minimum;
        _stderr = toStderr;
        _format = format;
        _context = [new("cniCommand", command), new("containerId", containerId)];
        if (logFile is not null && minimum != LogLevel.None)
        {
            try
            {
                _file = RotatingLogFile.Open(logFile, rotation);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"multinet: logFile: {e.Message}");
            }
        }
    }

    /// <summary>Maps Multus's levels (panic, error, verbose, debug) to ours.</summary>
    public static LogLevel LevelOf(string multusLevel) => multusLevel switch
    {
        "debug" => LogLevel.Debug,
        "verbose" => LogLevel.Information,
        "error" => LogLevel.Error,
        _ => LogLevel.Critical,
    };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None && (_file is not null || _stderr);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = LogLineFormatter.Format(_format, DateTimeOffset.UtcNow, logLevel, Category, eventId, state, exception, formatter(state, exception), _context);
        _file?.WriteLine(line);
        if (_stderr)
        {
            Console.Error.WriteLine(line);
        }
    }

    public void Dispose() => _file?.Dispose();
}
