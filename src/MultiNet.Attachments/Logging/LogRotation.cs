namespace MultiNet.Attachments.Logging;

/// <summary>
/// Multus's <c>logOptions</c>, with lumberjack's meaning: rotate when the file would pass <see cref="MaxSizeMegabytes"/>,
/// keep at most <see cref="MaxBackups"/> rotated files (0: all) no older than <see cref="MaxAgeDays"/> (0: any age),
/// gzip them when <see cref="Compress"/>. The defaults are Multus's.
/// </summary>
public sealed record LogRotation
{
    /// <summary><c>maxSize</c>, in megabytes (1,048,576 bytes).</summary>
    public int MaxSizeMegabytes { get; init; } = 100;

    /// <summary><c>maxAge</c>, in days.</summary>
    public int MaxAgeDays { get; init; } = 5;

    /// <summary><c>maxBackups</c>.</summary>
    public int MaxBackups { get; init; } = 5;

    /// <summary><c>compress</c>.</summary>
    public bool Compress { get; init; } = true;

    /// <summary>The size in bytes past which the file is rotated.</summary>
    public long MaxSizeBytes => MaxSizeMegabytes * 1024L * 1024L;
}
