using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi.Watch;

/// <summary>
/// Keeps an <see cref="IWatchSink{T}"/> in step with a collection: LIST (paged), then WATCH from the list's
/// resourceVersion with bookmarks. A stream that ends or breaks is resumed from the last version seen (after a
/// backoff when it failed); a 410 Gone or any ERROR event means the version is lost, so it lists again.
/// </summary>
internal sealed class ResourceWatcher<T>(
    ApiTransport transport,
    WatchTarget target,
    IWatchSink<T> sink,
    JsonTypeInfo<ListWire<T>> listType,
    JsonTypeInfo<T> itemType,
    ResourceWatcherOptions options,
    TimeProvider time,
    ILogger logger)
    where T : class
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lists;
    private long _failures;

    /// <summary>Completes when the first LIST has been applied.</summary>
    public Task Synced => _synced.Task;

    /// <summary>True once the first LIST has been applied (it stays true across relists: the old items serve meanwhile).</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>LISTs done, the first included.</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Failed LIST or WATCH attempts.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? version = null;
        var failuresInRow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                version ??= await ListAsync(cancellationToken).ConfigureAwait(false);
                var (next, sawEvents) = await WatchAsync(version, cancellationToken).ConfigureAwait(false);
                failuresInRow = sawEvents ? 0 : failuresInRow;
                version = next;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is CniException or HttpRequestException or IOException or JsonException or OperationCanceledException)
            {
                Interlocked.Increment(ref _failures);
                failuresInRow++;
                var wait = Backoff(failuresInRow);
                WatchLog.Failed(logger, target.Resource, e.Message, (long)wait.TotalMilliseconds);
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private TimeSpan Backoff(int failuresInRow)
    {
        var wait = options.InitialBackoff * Math.Pow(2, Math.Min(failuresInRow - 1, 16));
        return wait < options.MaxBackoff ? wait : options.MaxBackoff;
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var items = new List<T>();
        string? continueToken = null;
        while (true)
        {
            var call = new ApiCall(HttpMethod.Get, target.Resource, "", "", target.ListPath(options.PageSize, continueToken));
            var response = await transport.SendAsync(call, ct).ConfigureAwait(false);
            if (response.StatusCode == 410 && continueToken is not null)
            {
                // The continue token expired between pages: start the list over.
                (items, continueToken) = ([], null);
                continue;
            }

            if (!response.IsSuccess)
            {
                throw new CniException(CniErrorCode.KubernetesApi,
                    $"kubernetes api: LIST {target.Resource}: {ApiResponse.Describe(response.StatusCode, response.Body)}");
            }

            var page = JsonSerializer.Deserialize(response.Body, listType) ?? throw new JsonException("the list is null");
            items.AddRange(page.Items ?? []);
            continueToken = string.IsNullOrEmpty(page.Metadata?.Continue) ? null : page.Metadata.Continue;
            if (continueToken is null)
            {
                var version = page.Metadata?.ResourceVersion ?? "";
                sink.Replace(items);
                Interlocked.Increment(ref _lists);
                WatchLog.Listed(logger, target.Resource, items.Count, version);
                _synced.TrySetResult();
                return version;
            }
        }
    }

    /// <summary>Returns the version to resume from, or null to list again; and whether any event arrived.</summary>
    private async Task<(string? Version, bool SawEvents)> WatchAsync(string version, CancellationToken ct)
    {
        var call = new ApiCall(HttpMethod.Get, target.Resource, "", "", target.WatchPath(version, options.WatchTimeoutSeconds));
        using var response = await transport.OpenStreamAsync(call, options.RequestTimeout, ct).ConfigureAwait(false);
        var code = (int)response.StatusCode;
        if (code == 410)
        {
            WatchLog.Expired(logger, target.Resource, version);
            return (null, false);
        }

        if (code is < 200 or >= 300)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            throw new CniException(CniErrorCode.KubernetesApi, $"kubernetes api: WATCH {target.Resource}: {ApiResponse.Describe(code, body)}");
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(options.IdleTimeout);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        var sawEvents = false;
        while (await reader.ReadLineAsync(idle.Token).ConfigureAwait(false) is { } line)
        {
            idle.CancelAfter(options.IdleTimeout);
            if (line.Length == 0)
            {
                continue;
            }

            sawEvents = true;
            var (failed, next) = Apply(JsonSerializer.Deserialize(line, ThinApiJsonContext.Default.WatchEventWire));
            if (failed)
            {
                WatchLog.Expired(logger, target.Resource, version);
                return (null, true);
            }

            version = next ?? version;
        }

        WatchLog.Resumed(logger, target.Resource, version);
        return (version, sawEvents);
    }

    /// <summary>Applies one event; returns whether it was an ERROR, and the version it carries (null when none).</summary>
    private (bool Failed, string? Version) Apply(WatchEventWire? e)
    {
        if (e is null || e.Object.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a watch event without an object");
        }

        switch (e.Type)
        {
            case "ADDED" or "MODIFIED":
                sink.Upsert(e.Object.Deserialize(itemType) ?? throw new JsonException("a null object"));
                break;
            case "DELETED":
                sink.Remove(e.Object.Deserialize(itemType) ?? throw new JsonException("a null object"));
                break;
            case "BOOKMARK":
                break;
            case "ERROR":
                // 410 Expired is the usual one; for any other error the stream's state is unknown, so list again too.
                return (true, null);
            default:
                throw new JsonException($"unknown watch event type \"{e.Type}\"");
        }

        var version = e.Object.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out var rv) && rv.ValueKind == JsonValueKind.String
            ? rv.GetString()
            : null;
        return (false, string.IsNullOrEmpty(version) ? null : version);
    }
}
