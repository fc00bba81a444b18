using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiNet.Testing.ApiServer;

/// <summary>Serves one WATCH: a chunked stream of newline-delimited <c>{"type":...,"object":...}</c> events.</summary>
internal sealed class WatchStream(ObjectStore store, TimeSpan bookmarkInterval)
{
    public async Task RunAsync(HttpContext context, ApiRoute route, ObjectSelector selector, CancellationToken stopping)
    {
        var query = context.Request.Query;
        var resourceVersion = (string?)query["resourceVersion"];
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var initialEventsEnd = IsTrue(query["sendInitialEvents"]) && string.IsNullOrEmpty(resourceVersion);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";

        WatchSubscription subscription;
        try
        {
            subscription = store.Watch(route.Resource.Kind, route.Namespace, selector, resourceVersion);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            // kube-apiserver answers 200 and reports the expired version as an ERROR event in the stream.
            await WriteEventAsync(context, "ERROR", e.Status);
            return;
        }

        using var _ = subscription;
        if (initialEventsEnd)
        {
            store.SendBookmark(subscription, route.Resource, initialEventsEnd: true);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        using var bookmarkTimer = bookmarks
            ? new Timer(_ => store.SendBookmark(subscription, route.Resource, initialEventsEnd: false), null, bookmarkInterval, bookmarkInterval)
            : null;
        try
        {
            await context.Response.Body.FlushAsync(timeout.Token);
            await foreach (var (type, obj) in subscription.Reader.ReadAllAsync(timeout.Token))
            {
                await WriteEventAsync(context, type, obj);
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed, the client went away, or the server is stopping: the stream just ends.
        }
        catch (IOException)
        {
            // The client closed the connection mid-write.
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
