using System.Buffers.Binary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MultiNet.Testing.Kubelet;

/// <summary>
/// A stand-in for the kubelet's PodResources gRPC service: Kestrel on a unix socket, HTTP/2 without TLS,
/// answering <c>/v1.PodResourcesLister/List</c> with a hand-encoded response and gRPC trailers.
/// </summary>
public sealed class FakePodResourcesServer : IAsyncDisposable
{
    private const string ListPath = "/v1.PodResourcesLister/List";
    private readonly WebApplication app;
    private int requestCount;

    private FakePodResourcesServer(string socketPath, IEnumerable<FakePodDevice> devices, WebApplication app)
    {
        SocketPath = socketPath;
        Devices = [.. devices];
        this.app = app;
    }

    /// <summary>The unix socket the server listens on.</summary>
    public string SocketPath { get; }

    /// <summary>The allocations List reports; replace to change later answers.</summary>
    public IReadOnlyList<FakePodDevice> Devices { get; set; }

    /// <summary>The gRPC status List answers with; anything but 0 is sent trailers-only, without a message.</summary>
    public int GrpcStatus { get; set; }

    /// <summary>How many requests arrived, on any path.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    /// <summary>Starts listening on <paramref name="socketPath"/> (its directory must exist).</summary>
    public static async Task<FakePodResourcesServer> StartAsync(string socketPath, IEnumerable<FakePodDevice> devices)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
            o.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new FakePodResourcesServer(socketPath, devices, app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Stops the server and removes its socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        File.Delete(SocketPath);
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref requestCount);
        await context.Request.Body.CopyToAsync(Stream.Null);
        context.Response.ContentType = "application/grpc";
        if (context.Request.Method != HttpMethods.Post || context.Request.Path != ListPath)
        {
            context.Response.Headers["grpc-status"] = "12";   // UNIMPLEMENTED
            context.Response.Headers["grpc-message"] = "unknown method " + context.Request.Path;
            return;
        }

        if (GrpcStatus != 0)
        {
            context.Response.Headers["grpc-status"] = GrpcStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = "fake kubelet failure";
            return;
        }

        var message = PodResourcesProtobuf.EncodeListResponse(Devices);
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        await context.Response.Body.WriteAsync(frame);
        context.Response.AppendTrailer("grpc-status", "0");
    }
}
