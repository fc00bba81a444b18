using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MultiNet.Attachments.Configuration;
using MultiNet.Attachments.Engine;
using MultiNet.Attachments.Forwarding;
using MultiNet.Cni.Protocol;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Metrics;

namespace MultiNet.Daemon.Server;

/// <summary>
/// <c>POST /cni</c>: decode the forwarded call, refuse it when not ready (503) or busy (429), serialise it per
/// container, run the engine, answer what the plugin would print. Every failure is a CNI error JSON in the
/// config's cniVersion; nothing a client sends stops the daemon from serving others.
/// </summary>
internal sealed partial class CniRequestHandler(
    DaemonOptions options, DaemonReadiness readiness, RequestGate gate, ContainerLocks locks, EngineFactory engines, DaemonMetrics metrics,
    ILogger<CniRequestHandler> logger)
{
    private const int MaxBodyBytes = 1 << 20;

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var (command, version, result) = ("unknown", "1.1.0", "error");
        int status;
        string body;
        try
        {
            var request = ForwardedCniRequest.Parse(await ReadBodyAsync(http.Request).ConfigureAwait(false));
            version = ConfigVersionReader.TryRead(request.Stdin) is { } v && CniVersions.IsSupported(v) ? v : version;
            var env = CniEnvironment.Parse(k => request.Env.GetValueOrDefault(k));
            command = CniCommandNames.ToWire(env.Command);
            var config = MultiNetConfigParser.Parse(request.Stdin);
            version = config.CniVersion;
            (status, body, result) = await RunAsync(env, config).ConfigureAwait(false);
        }
        catch (CniException e)
        {
            (status, body, result) = (IsRequestError(e.Code) ? 400 : 500,
                CniErrorWriter.ToJson(e, version), e.Code is CniErrorCode.DecodeFailure or CniErrorCode.InvalidEnvironment ? "bad_request" : "error");
            RequestFailed(logger, command, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            UnexpectedFailure(logger, e, command);
            (status, body) = (500, CniErrorWriter.ToJson(new CniException(CniErrorCode.Internal, $"multinetd: internal error: {e.Message}", e.GetType().Name), version));
        }

        metrics.RecordRequest(command, result, Stopwatch.GetElapsedTime(started));
        await WriteAsync(http.Response, status, body).ConfigureAwait(false);
    }

    /// <summary>The codes that say the request itself is wrong (HTTP 400): a version the config cannot be served in, bad parameters, undecodable input, a bad config.</summary>
    private static bool IsRequestError(CniErrorCode code) =>
        code is CniErrorCode.IncompatibleVersion or CniErrorCode.InvalidEnvironment or CniErrorCode.DecodeFailure or CniErrorCode.InvalidConfig;

    private async Task<(int Status, string Body, string Result)> RunAsync(CniEnvironment env, MultiNetConfig config)
    {
        if (readiness.Refusal(env.Command) is { } why)
        {
            return (503, CniErrorWriter.ToJson(new CniException(CniErrorCode.TryAgainLater, $"multinetd is not ready: {why}"), config.CniVersion), "not_ready");
        }

        // The request's own deadline; a shim that gave up does not cancel it: finishing (or rolling back) is safer than stopping half-way.
        using var timeout = new CancellationTokenSource(options.RequestTimeout);
        try
        {
            using var lease = await gate.EnterAsync(timeout.Token).ConfigureAwait(false);
            if (lease is null)
            {
                var busy = new CniException(CniErrorCode.TryAgainLater,
                    $"multinetd is busy: {options.MaxConcurrentRequests} request(s) running and {options.MaxQueuedRequests} queued",
                    "raise maxConcurrentRequests or maxQueuedRequests in the daemon config if this is a normal load");
                return (ForwardedCniRequest.BusyStatus, CniErrorWriter.ToJson(busy, config.CniVersion), "busy");
            }

            using var held = env.ContainerId is { } id ? await locks.AcquireAsync(id, timeout.Token).ConfigureAwait(false) : null;
            var output = await EngineCommand.RunAsync(engines.Create(env, config), env, config, timeout.Token).ConfigureAwait(false);
            return (200, output ?? "", "success");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new CniException(CniErrorCode.TryAgainLater,
                $"multinetd: {CniCommandNames.ToWire(env.Command)} {env.ContainerId}: not finished within requestTimeoutSeconds ({options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s)");
        }
    }

    /// <summary>
    /// The whole body, or code 6 naming it: over the limit (ours or Kestrel's, which refuses a larger Content-Length),
    /// broken chunked framing, fewer bytes than the Content-Length before the client closed, or data too slow to arrive.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // BadHttpRequestException is an IOException too, as is the client going away mid-body; an aborted
            // connection is an OperationCanceledException instead.
            throw new CniException(CniErrorCode.DecodeFailure,
                $"daemon request: cannot read the body: {AsPhrase(e.Message)}", e.GetType().Name, e);
        }

        return buffer.ToArray();
    }

    // Kestrel's messages are sentences ("Unexpected end of request content."); ours are lowercase phrases.
    private static string AsPhrase(string message) =>
        message.Length == 0 ? message : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');

    private static CniException TooLarge() =>
        new(CniErrorCode.DecodeFailure, $"daemon request: the body is larger than {MaxBodyBytes} bytes");

    private static async Task WriteAsync(HttpResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes).ConfigureAwait(false);
    }

    [LoggerMessage(910, LogLevel.Information, "{Command}: {Message}")]
    private static partial void RequestFailed(ILogger logger, string command, string message);

    [LoggerMessage(911, LogLevel.Error, "{Command}: unexpected failure")]
    private static partial void UnexpectedFailure(ILogger logger, Exception exception, string command);
}
