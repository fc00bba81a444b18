namespace MultiNet.Testing.ApiServer;

/// <summary>A request the stand-in received.</summary>
public sealed class RecordedRequest
{
    /// <summary>HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>URL path.</summary>
    public required string Path { get; init; }

    /// <summary>Query string including the leading '?', or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The Kubernetes verb (see <see cref="StandInRequest.Verb"/>).</summary>
    public string Verb { get; init; } = "";

    /// <summary>Content-Type of the request, or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>Request body as text (empty when none).</summary>
    public string Body { get; init; } = "";

    private int _statusCode;

    /// <summary>Status code sent; 0 while not yet answered or when the connection was dropped.</summary>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        internal set => Volatile.Write(ref _statusCode, value);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{Query} -> {StatusCode}";
}
