using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>
/// Sends API calls: one attempt per call when all is well; transient failures (connection errors, timeouts, 429,
/// 500, 502, 503, 504) are tried again within the budget, then reported as CNI code 11 so the runtime retries.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private readonly ApiEndpoint _endpoint;
    private readonly ThinApiClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ServerCertificateValidator? _validator;
    private readonly BearerTokenSource _token;

    public ApiTransport(ApiEndpoint endpoint, ThinApiClientOptions options, TimeProvider time, ILogger logger)
    {
        (_endpoint, _options, _time, _logger) = (endpoint, options, time, logger);
        var (handler, validator) = ApiHandlerFactory.Create(endpoint, options);
        _validator = validator;
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _token = new BearerTokenSource(endpoint);
    }

    /// <summary>Returns the server's final answer; throws <see cref="CniException"/> code 11 when every attempt failed transiently.</summary>
    public async Task<ApiResponse> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var (response, failure, retryAfter) = await AttemptAsync(call, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                return response;
            }

            failures.Add($"attempt {attempt}: {failure}");
            if (attempt >= _options.MaxAttempts)
            {
                throw new CniException(CniErrorCode.TryAgainLater,
                    $"kubernetes api: {call}: {failure} after {attempt} attempts", string.Join("; ", failures));
            }

            var wait = retryAfter is { } asked
                ? TimeSpan.FromTicks(Math.Min(asked.Ticks, _options.MaxRetryAfter.Ticks))
                : _options.InitialBackoff * Math.Pow(2, attempt - 1);
            ThinApiLog.Retrying(_logger, call.ToString(), failure!, attempt, (long)wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One attempt at a streamed GET (a WATCH): returns the response once its headers arrived, the body still open.
    /// No retries: the watcher decides what a failure means. The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(ApiCall call, TimeSpan headersTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(headersTimeout);
        using var request = BuildRequest(call);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CniException(CniErrorCode.TryAgainLater, $"kubernetes api: {call}: no answer within {headersTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", null, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new CniException(CniErrorCode.TryAgainLater, $"kubernetes api: {call}: {Describe(e)}", null, e);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<(ApiResponse? Response, string? Failure, TimeSpan? RetryAfter)> AttemptAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = BuildRequest(call);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is 429 or 500 or 502 or 503 or 504
                ? (null, ApiResponse.Describe(code, body), response.Headers.RetryAfter?.Delta)
                : (new ApiResponse(code, body), null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_options.RequestTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms", null);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            // A certificate that is not trusted now will not be trusted in 200 ms either.
            throw new CniException(CniErrorCode.KubernetesApi,
                $"kubernetes api: {call}: tls handshake with {_endpoint.Server.Authority} failed: {_validator?.LastFailure ?? "the server refused it"}",
                $"check the certificate-authority and client certificate of {_endpoint.Source}", e);
        }
        catch (HttpRequestException e)
        {
            return (null, Describe(e), null);
        }
        catch (IOException e)
        {
            return (null, Describe(e), null);
        }
    }

    private HttpRequestMessage BuildRequest(ApiCall call)
    {
        // A server URL may carry a path prefix (a proxy in front of several clusters): keep it.
        var prefix = _endpoint.Server.AbsolutePath.TrimEnd('/');
        var request = new HttpRequestMessage(call.Method, new Uri(_endpoint.Server, prefix + call.Path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("multinet", "1.0"));
        if (_token.Current() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(call.ContentType ?? "application/json");
        }

        return request;
    }

    /// <summary>Our own words for connection failures: exception messages are resource keys in the trimmed plugin.</summary>
    private static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.ConnectionAborted => "connection aborted",
                    SocketError.TimedOut => "connect timed out",
                    SocketError.HostUnreachable => "host unreachable",
                    SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "cannot resolve the server's name",
                    var other => $"socket error {other}",
                };
            }
        }

        return (e as HttpRequestException)?.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "cannot resolve the server's name",
            HttpRequestError.ConnectionError => "cannot connect",
            HttpRequestError.ResponseEnded => "connection closed before the answer was complete",
            HttpRequestError.InvalidResponse => "invalid HTTP answer",
            HttpRequestError.ProxyTunnelError => "proxy tunnel failed",
            _ when e is HttpIOException io => io.HttpRequestError == HttpRequestError.ResponseEnded
                ? "connection closed before the answer was complete"
                : "connection failed while reading the answer",
            _ => "connection failed",
        };
    }
}
