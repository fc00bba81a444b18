using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace MultiNet.Plugin.Shim;

/// <summary>
/// One HTTP/1.1 exchange over a unix socket (<c>Connection: close</c>). Hand-written rather than HttpClient: a
/// CNI call is one request, and the shim's budget is a few milliseconds of start-up and round trip.
/// </summary>
internal static class UnixSocketHttp
{
    /// <summary>
    /// Sends the request and returns the status code and body. Throws <see cref="SocketException"/> when nobody listens
    /// (nothing was sent) and <see cref="IOException"/> when the connection broke or closed without a whole answer after
    /// connecting (the daemon may have taken the request). Blocking calls on purpose: async socket I/O would start the
    /// thread pool and the epoll thread in a process that makes exactly one exchange, at a cost of about a millisecond.
    /// </summary>
    public static (int Status, byte[] Body) Send(string socketPath, string method, string path, byte[]? body)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        var head = $"{method} {path} HTTP/1.1\r\nHost: multinetd\r\nConnection: close\r\n"
            + (body is null ? "" : $"Content-Type: application/json\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n")
            + "\r\n";
        using var answer = new MemoryStream();
        try
        {
            socket.Send(Encoding.ASCII.GetBytes(head));
            if (body is not null)
            {
                socket.Send(body);
            }

            var buffer = new byte[16 * 1024];
            int read;
            while ((read = socket.Receive(buffer)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (SocketException e)
        {
            throw new IOException($"the connection broke before an answer ({e.SocketErrorCode})", e);
        }

        return answer.Length == 0
            ? throw new IOException("the daemon closed the connection without an answer")
            : Parse(answer.GetBuffer().AsSpan(0, (int)answer.Length));
    }

    /// <summary>Splits a complete HTTP/1.1 response into status and body (Content-Length, chunked, or up to the close).</summary>
    internal static (int Status, byte[] Body) Parse(ReadOnlySpan<byte> response)
    {
        var end = response.IndexOf("\r\n\r\n"u8);
        if (end < 0 || !response.StartsWith("HTTP/1."u8) || response.Length < 12
            || !int.TryParse(response.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new IOException("the daemon's answer is not an HTTP response");
        }

        var headers = Encoding.ASCII.GetString(response[..end]);
        var body = response[(end + 4)..];
        if (headers.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return (status, Dechunk(body));
        }

        return (status, body.ToArray());
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        using var output = new MemoryStream();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                throw new IOException("the daemon's chunked answer is cut short");
            }

            var sizeText = Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0].Trim();
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return output.ToArray();
            }

            body = body[(lineEnd + 2)..];
            if (body.Length < size + 2)
            {
                throw new IOException("the daemon's chunked answer is cut short");
            }

            output.Write(body[..size]);
            body = body[(size + 2)..];
        }
    }
}
