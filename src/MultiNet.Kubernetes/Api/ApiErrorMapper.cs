using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Exceptions;
using MultiNet.Cni.Protocol;

namespace MultiNet.Kubernetes.Api;

/// <summary>Turns what KubernetesClient throws into the one CNI error type: transient failures become code 11.</summary>
public static class ApiErrorMapper
{
    private const int MaxDetailsLength = 2000;

    /// <summary>True when the API answered 404 Not Found.</summary>
    public static bool IsNotFound(Exception exception) =>
        exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>
    /// Maps <paramref name="exception"/> thrown while doing <paramref name="operation"/> (e.g. <c>get pod "ns/name"</c>),
    /// or returns null for what is not an API failure (the caller's own cancellation, programming errors).
    /// </summary>
    public static CniException? Map(Exception exception, string operation, CancellationToken cancellationToken) => exception switch
    {
        HttpOperationException http => FromStatus(http, operation),
        HttpRequestException request => Transient($"{operation}: cannot reach the kubernetes api: {request.Message}", exception),
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            Transient($"{operation}: the kubernetes api did not answer in time", exception),
        IOException io => Transient($"{operation}: connection to the kubernetes api failed: {io.Message}", exception),
        JsonException json => new CniException(CniErrorCode.KubernetesApi, $"{operation}: the kubernetes api answer is not readable: {json.Message}", null, exception),
        KubernetesClientException client => new CniException(CniErrorCode.KubernetesApi, $"{operation}: {client.Message}", null, exception),
        _ => null,
    };

    private static CniException FromStatus(HttpOperationException http, string operation)
    {
        var status = http.Response?.StatusCode ?? 0;
        var body = http.Response?.Content;
        var reason = StatusMessage(body);
        var message = $"{operation}: kubernetes api answered {(int)status} {status}{(reason is null ? "" : $": {reason}")}";
        var details = string.IsNullOrEmpty(body) ? null : body.Length > MaxDetailsLength ? body[..MaxDetailsLength] : body;
        var code = IsTransient(status) ? CniErrorCode.TryAgainLater : CniErrorCode.KubernetesApi;
        return new CniException(code, message, details, http);
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    private static CniException Transient(string message, Exception inner) => new(CniErrorCode.TryAgainLater, message, null, inner);

    // The API server explains its refusals in a Status object: {"kind":"Status","message":"pods \"x\" is forbidden: ..."}.
    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
