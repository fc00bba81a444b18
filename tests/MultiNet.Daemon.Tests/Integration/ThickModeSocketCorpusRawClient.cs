using MultiNet.Testing.Node;
using System.Net.Sockets;
using System.Text;

namespace MultiNet.Daemon.Tests.Integration;

/// <summary>
/// Byte-exact exchanges on the daemon's socket for what <see cref="SocketClient"/> cannot send: invalid UTF-8, chunked
/// or broken framing, bodies over the limit, a Content-Length the body never reaches. Sending and reading run side by
/// side, because the daemon may answer (and close) before it has read everything.
/// </summary>
internal static class ThickModeSocketCorpusRawClient
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sends <paramref name="request"/> (head and body as they go on the wire) and returns status and body; status 0 when
    /// the daemon closed without an answer. With <paramref name="halfClose"/> the client shuts its side after sending,
    /// as one that gives up on a body it announced.
    /// </summary>
    public static async Task<(int Status, string Body)> SendAsync(string socketPath, byte[] request, bool halfClose = false)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        var sending = SendIgnoringCloseAsync(socket, request, halfClose, timeout.Token);
        var answer = await ReadToEndAsync(socket, timeout.Token);
        await sending;
        return Parse(answer);
    }

    /// <summary>A request head for <c>POST /cni</c> with the given extra header lines (each ending in CRLF).</summary>
    public static byte[] Head(string headers, string method = "POST", string path = "/cni") =>
        Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{headers}\r\n");

    /// <summary>A complete request with a Content-Length matching <paramref name="body"/>.</summary>
    public static byte[] WithBody(byte[] body, string contentType = "application/json") =>
        [.. Head($"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n"), .. body];

    /// <summary>A chunked request: <paramref name="body"/> cut into chunks of <paramref name="size"/> bytes.</summary>
    public static byte[] Chunked(byte[] body, int size)
    {
        using var wire = new MemoryStream();
        wire.Write(Head("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"));
        for (var at = 0; at < body.Length; at += size)
        {
            var length = Math.Min(size, body.Length - at);
            wire.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
            wire.Write(body, at, length);
            wire.Write("\r\n"u8);
        }

        wire.Write("0\r\n\r\n"u8);
        return wire.ToArray();
    }

    internal static (int Status, string Body) Parse(byte[] answer)
    {
        var text = Encoding.UTF8.GetString(answer);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0 || text.Length < 12)
        {
            return (0, text);
        }

        // Every answer of the daemon carries a Content-Length (its handlers set one; Kestrel's own 400s are empty).
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text[(split + 4)..]);
    }

    private static async Task SendIgnoringCloseAsync(Socket socket, byte[] request, bool halfClose, CancellationToken ct)
    {
        try
        {
            for (var at = 0; at < request.Length;)
            {
                at += await socket.SendAsync(request.AsMemory(at, Math.Min(64 * 1024, request.Length - at)), ct);
            }

            if (halfClose)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The daemon answered and closed before taking the rest: what it answered is the outcome.
        }
    }

    /// <summary>Everything the daemon sends until it closes, or until <paramref name="ct"/> fires.</summary>
    internal static async Task<byte[]> ReadToEndAsync(Socket socket, CancellationToken ct)
    {
        using var answer = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, ct)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // Reset after the answer, or nothing more in time: keep what arrived; the caller's assertions judge it.
        }

        return answer.ToArray();
    }
}
