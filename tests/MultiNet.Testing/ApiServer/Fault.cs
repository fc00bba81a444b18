namespace MultiNet.Testing.ApiServer;

/// <summary>What the stand-in does instead of (or before) answering a request normally.</summary>
public sealed record Fault
{
    /// <summary>Answer with this status code and a <c>Status</c> body; null to answer normally (after <see cref="Delay"/>).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Message of the <c>Status</c> body.</summary>
    public string? Message { get; init; }

    /// <summary>Send this text as the body instead of a <c>Status</c> (e.g. invalid JSON, an HTML error page).</summary>
    public string? Body { get; init; }

    /// <summary>Value of a <c>Retry-After</c> header, in seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Wait this long before answering (a slow API server).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drop the connection without an answer.</summary>
    public bool Abort { get; init; }

    /// <summary>Answers with a status code (500 InternalError, 503, 429 with Retry-After, 409, 403, ...).</summary>
    public static Fault Status(int statusCode, string? message = null, int? retryAfterSeconds = null) =>
        new() { StatusCode = statusCode, Message = message, RetryAfterSeconds = retryAfterSeconds };

    /// <summary>Answers with a status code and exactly <paramref name="body"/> as the body.</summary>
    public static Fault Raw(int statusCode, string body) => new() { StatusCode = statusCode, Body = body };

    /// <summary>Answers normally, but only after <paramref name="delay"/>.</summary>
    public static Fault Slow(TimeSpan delay) => new() { Delay = delay };

    /// <summary>Drops the connection, optionally after a delay.</summary>
    public static Fault Drop(TimeSpan delay = default) => new() { Abort = true, Delay = delay };
}
