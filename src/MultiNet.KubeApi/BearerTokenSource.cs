using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>The bearer token to send: the inline one, or the token file's content, read again when the file changes.</summary>
internal sealed class BearerTokenSource(ApiEndpoint endpoint)
{
    private readonly Lock _gate = new();
    private string? _cached;
    private DateTime _cachedStamp;

    /// <summary>The token, or null when the endpoint uses none (client certificate or anonymous).</summary>
    public string? Current()
    {
        if (endpoint.Token is not null || endpoint.TokenFile is not { } path)
        {
            return endpoint.Token;
        }

        lock (_gate)
        {
            try
            {
                var stamp = File.GetLastWriteTimeUtc(path);
                if (_cached is null || stamp != _cachedStamp)
                {
                    _cached = File.ReadAllText(path).Trim();
                    _cachedStamp = stamp;
                }

                return _cached;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CniException(CniErrorCode.InvalidConfig,
                    $"{endpoint.Source}: token file \"{path}\": cannot read: {FileError.Describe(e)}", null, e);
            }
        }
    }
}
