using System.Text.Json;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>A final (not transient) answer of the API server.</summary>
internal sealed record ApiResponse(int StatusCode, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The error for an answer the caller did not expect, with the message of the server's <c>Status</c>.</summary>
    public CniException ToError(ApiCall call, ApiEndpoint endpoint)
    {
        var hint = StatusCode is 401 or 403 ? $" (credentials from {endpoint.Source})" : "";
        return new CniException(CniErrorCode.KubernetesApi,
            $"kubernetes api: {call}: {Describe(StatusCode, Body)}{hint}");
    }

    /// <summary><c>403 Forbidden: pods "a" is forbidden: ...</c>, from the status code and the Status body when there is one.</summary>
    public static string Describe(int statusCode, byte[] body)
    {
        var status = TryStatus(body);
        var reason = string.IsNullOrEmpty(status?.Reason) ? "" : $" {status.Reason}";
        var message = string.IsNullOrEmpty(status?.Message) ? "" : $": {status.Message}";
        return $"{statusCode}{reason}{message}";
    }

    private static StatusWire? TryStatus(byte[] body)
    {
        try
        {
            return body.Length > 0 ? JsonSerializer.Deserialize(body, ThinApiJsonContext.Default.StatusWire) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
