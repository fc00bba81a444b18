using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Devices;

/// <summary>
/// Calls the kubelet's <c>v1.PodResourcesLister/List</c> over its unix socket: gRPC spoken by hand
/// (HTTP/2 without TLS, 5-byte message frames, status in trailers) so the plugin links no gRPC stack.
/// </summary>
internal static class PodResourcesClient
{
    private const string ListPath = "/v1.PodResourcesLister/List";
    private const int FrameHeaderSize = 5;
    private const int MaxMessageSize = 16 * 1024 * 1024;

    /// <summary>Sends an empty ListPodResourcesRequest and returns the serialized ListPodResourcesResponse.</summary>
    /// <exception cref="CniException">DeviceAllocation: the kubelet answered, but not with a List response.</exception>
    public static async Task<byte[]> ListAsync(string socketPath, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, token) => ConnectAsync(socketPath, token),
            UseProxy = false,
        };
        using var client = new HttpClient(handler, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://localhost" + ListPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[FrameHeaderSize]),   // an empty message, uncompressed
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Failure($"HTTP status {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        CheckGrpcStatus(response);
        return Unframe(body);
    }

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // A failing server may answer "trailers-only": grpc-status among the headers and no body.
    private static void CheckGrpcStatus(HttpResponseMessage response)
    {
        var status = Header(response.TrailingHeaders, "grpc-status") ?? Header(response.Headers, "grpc-status")
            ?? throw Failure("the answer carries no grpc-status");
        if (status != "0")
        {
            var message = Header(response.TrailingHeaders, "grpc-message") ?? Header(response.Headers, "grpc-message");
            throw Failure(
                message is null ? $"grpc-status {status}" : $"grpc-status {status}: {Uri.UnescapeDataString(message)}");
        }
    }

    private static CniException Failure(string message) => new(CniErrorCode.DeviceAllocation, message);

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static byte[] Unframe(byte[] body)
    {
        if (body.Length < FrameHeaderSize)
        {
            throw Failure($"the answer holds {body.Length} bytes, not a gRPC message");
        }

        if (body[0] != 0)
        {
            throw Failure("the answer is compressed, which was not asked for");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        if (length > MaxMessageSize || length > body.Length - FrameHeaderSize)
        {
            throw Failure($"the gRPC frame announces {length} bytes but {body.Length - FrameHeaderSize} arrived");
        }

        return body.AsSpan(FrameHeaderSize, (int)length).ToArray();
    }
}
