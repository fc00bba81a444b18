namespace MultiNet.Cni.Protocol;

/// <summary>The one error type of MultiNet: a CNI error code, a short lowercase message and optional details.</summary>
public sealed class CniException : Exception
{
    /// <summary>Creates an error with a code, a message and optional details.</summary>
    public CniException(CniErrorCode code, string message, string? details = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Details = details;
    }

    /// <summary>The CNI error code.</summary>
    public CniErrorCode Code { get; }

    /// <summary>Longer explanation, if any.</summary>
    public string? Details { get; }

    /// <summary>True for code 11: the runtime should retry.</summary>
    public bool IsTransient => Code == CniErrorCode.TryAgainLater;

    /// <summary>Returns a copy whose message is prefixed with context (e.g. the network name), keeping code and details.</summary>
    public CniException WithContext(string prefix) => new(Code, $"{prefix}: {Message}", Details, this);
}
