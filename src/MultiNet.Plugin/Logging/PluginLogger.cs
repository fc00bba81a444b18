using Microsoft.Extensions.Logging;

namespace MultiNet.Plugin.Logging;

/// <summary>
/// A small logger for a short-lived process: appends lines to <c>logFile</c> and/or stderr (never stdout, which
/// carries only the CNI result). A full logging stack would cost start-up time the plugin does not have.
/// </summary>
internal sealed class PluginLogger : ILogger, IDisposable
{
    private readonly LogLevel _minimum;
    private readonly AppendOnlyFile? _file;
    private readonly bool _stderr;
    private readonly string _prefix;

    public PluginLogger(LogLevel minimum, string? logFile, bool toStderr, string prefix)
    {
        _minimum = minimum;
        _stderr = toStderr;
        _prefix = prefix;
        if (logFile is not null && minimum != LogLevel.None)
        {
            try
            {
                var dir = Path.GetDirectoryName(logFile);
                if (!string.IsNullOrEmpty(dir))
                {
                    Directory.CreateDirectory(dir);
                }

                _file = AppendOnlyFile.Open(logFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"multinet: cannot open logFile \"{logFile}\": {e.Message}");
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

        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} [{Name(logLevel)}] {_prefix}{formatter(state, exception)}";
        if (exception is not null)
        {
            line += Environment.NewLine + exception;
        }

        _file?.WriteLine(line);
        if (_stderr)
        {
            Console.Error.WriteLine(line);
        }
    }

    public void Dispose() => _file?.Dispose();

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
