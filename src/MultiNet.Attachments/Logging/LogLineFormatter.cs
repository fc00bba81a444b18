using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MultiNet.Attachments.Logging;

/// <summary>
/// The one formatter of log lines for the plugin, the daemon's log file and JSON output, and the controller.
/// Text: <c>2026-01-02T03:04:05.678Z [info] category: message</c>. JSON, one object per line, fields in this order:
/// <c>time</c> (RFC 3339, UTC, milliseconds), <c>level</c> (trace, debug, info, warn, error, critical), <c>logger</c>
/// (category), <c>eventId</c> and <c>event</c> (when the message has them), <c>msg</c>, <c>state</c> (the message's
/// named values and the logger's context), <c>exception</c> (when there is one). Times are UTC whatever <c>TZ</c> says.
/// </summary>
public static class LogLineFormatter
{
    private const string OriginalFormat = "{OriginalFormat}";

    /// <summary>The level's name as it appears in both formats.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };

    /// <summary>One line (no newline) for a message; <paramref name="context"/> adds fields to <c>state</c> (JSON) or a prefix (text).</summary>
    public static string Format<TState>(
        LogFormat format, DateTimeOffset time, LogLevel level, string category, EventId eventId, TState state, Exception? exception,
        string message, IReadOnlyList<KeyValuePair<string, string>>? context = null)
    {
        return format == LogFormat.Json
            ? Json(time, level, category, eventId, state, exception, message, context)
            : Text(time, level, category, exception, message, context);
    }

    private static string Text(
        DateTimeOffset time, LogLevel level, string category, Exception? exception, string message, IReadOnlyList<KeyValuePair<string, string>>? context)
    {
        var line = new StringBuilder();
        line.Append(Timestamp(time)).Append(" [").Append(LevelName(level)).Append("] ");
        if (category.Length > 0)
        {
            line.Append(category).Append(": ");
        }

        foreach (var (_, value) in context ?? [])
        {
            line.Append(value).Append(' ');
        }

        if (context is { Count: > 0 })
        {
            line.Length--;
            line.Append(": ");
        }

        line.Append(message);
        if (exception is not null)
        {
            line.Append(Environment.NewLine).Append(exception);
        }

        return line.ToString();
    }

    private static string Json<TState>(
        DateTimeOffset time, LogLevel level, string category, EventId eventId, TState state, Exception? exception, string message,
        IReadOnlyList<KeyValuePair<string, string>>? context)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", Timestamp(time));
            json.WriteString("level", LevelName(level));
            json.WriteString("logger", category);
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }

            if (!string.IsNullOrEmpty(eventId.Name))
            {
                json.WriteString("event", eventId.Name);
            }

            json.WriteString("msg", message);
            var values = state as IReadOnlyList<KeyValuePair<string, object?>>;
            if (context is { Count: > 0 } || values is { Count: > 0 })
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in context ?? [])
                {
                    json.WriteString(key, value);
                }

                foreach (var (key, value) in values ?? [])
                {
                    if (key != OriginalFormat)
                    {
                        WriteValue(json, key, value);
                    }
                }

                json.WriteEndObject();
            }

            if (exception is not null)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(key);
                break;
            case bool b:
                json.WriteBoolean(key, b);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(key, d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumber(key, f);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte or decimal:
                json.WritePropertyName(key);
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: false);
                break;
            case DateTimeOffset t:
                json.WriteString(key, Timestamp(t));
                break;
            default:
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
