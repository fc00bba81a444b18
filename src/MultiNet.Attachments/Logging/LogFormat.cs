namespace MultiNet.Attachments.Logging;

/// <summary><c>logFormat</c>: how a log line is written.</summary>
public enum LogFormat
{
    /// <summary><c>text</c>: <c>2026-01-02T03:04:05.678Z [info] message</c>.</summary>
    Text,

    /// <summary><c>json</c>: one JSON object per line with the fields <see cref="LogLineFormatter"/> documents.</summary>
    Json,
}
