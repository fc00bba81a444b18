using System.Text;
using Microsoft.AspNetCore.Http;
using MultiNet.Attachments.Forwarding;
using MultiNet.Daemon.Configuration;
using MultiNet.Daemon.Metrics;

namespace MultiNet.Daemon.Server;

/// <summary>
/// The socket's routes: <c>POST /cni</c>, <c>GET /healthz</c>, <c>GET /readyz</c>, <c>GET /metrics</c>; anything else 404/405.
/// The TCP listener (<c>metricsAddress</c>) serves the same minus <c>/cni</c>: CNI requests come only through the root-only socket.
/// </summary>
internal sealed class DaemonEndpoints(CniRequestHandler cni, DaemonReadiness readiness, DaemonMetrics metrics, DaemonOptions options)
{
    public Task HandleAsync(HttpContext http)
    {
        var (method, path) = (http.Request.Method, http.Request.Path.Value ?? "");
        return path switch
        {
            ForwardedCniRequest.CniPath when OverUnixSocket(http) => HttpMethods.IsPost(method) ? cni.HandleAsync(http) : TextAsync(http, 405, "use POST\n"),
            "/healthz" => Get(http, () => (200, "ok\n")),
            ForwardedCniRequest.ReadyPath => Get(http, () => readiness.NotReady() is { } why ? (ForwardedCniRequest.NotReadyStatus, why + "\n") : (200, "ok\n")),
            "/metrics" when options.Metrics => Get(http, () => (200, metrics.Render()), "text/plain; version=0.0.4; charset=utf-8"),
            _ => TextAsync(http, 404, "not found\n"),
        };
    }

    // Kestrel gives a unix socket connection no IP address.
    private static bool OverUnixSocket(HttpContext http) => http.Connection.LocalIpAddress is null;

    private static Task Get(HttpContext http, Func<(int Status, string Text)> answer, string contentType = "text/plain; charset=utf-8")
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return TextAsync(http, 405, "use GET\n");
        }

        var (status, text) = answer();
        return TextAsync(http, status, text, contentType);
    }

    private static Task TextAsync(HttpContext http, int status, string text, string contentType = "text/plain; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes).AsTask();
    }
}
