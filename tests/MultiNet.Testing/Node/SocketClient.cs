using System.Net.Sockets;
using System.Text;

namespace MultiNet.Testing.Node;

/// <summary>Raw HTTP/1.1 requests on the daemon's unix socket, for endpoints and malformed requests the shim never sends.</summary>
public static class SocketClient
{
    public static async Task<(int Status, string Body)> SendAsync(string socketPath, string method, string path, string? body = null)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = $"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head).Concat(bytes).ToArray());
        using var answer = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text[(split + 4)..]);
    }

    /// <summary>The status of GET /readyz, or 0 when nobody listens.</summary>
    public static async Task<int> ReadyStatusAsync(string socketPath)
    {
        try
        {
            return (await SendAsync(socketPath, "GET", "/readyz")).Status;
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Waits until the daemon's <c>/metrics</c> holds every line of <paramref name="lines"/> (e.g. a cache size), for at
    /// most 10 s; <paramref name="context"/> goes into the timeout's message.
    /// </summary>
    public static async Task WaitForMetricsAsync(string socketPath, IReadOnlyList<string> lines, Func<string> context)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(context);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (_, metrics) = await SendAsync(socketPath, "GET", "/metrics");
            if (lines.All(l => metrics.Contains(l + "\n", StringComparison.Ordinal)))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"/metrics never held [{string.Join(", ", lines)}]:\n{metrics}\n{context()}");
            }

            await Task.Delay(10);
        }
    }
}
