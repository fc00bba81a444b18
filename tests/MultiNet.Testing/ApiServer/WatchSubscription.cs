using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MultiNet.Testing.ApiServer;

/// <summary>One open watch: which objects it follows and the events waiting to be written.</summary>
internal sealed class WatchSubscription(string kind, string? ns, ObjectSelector selector) : IDisposable
{
    private readonly Channel<(string Type, JsonObject Object)> _events =
        Channel.CreateUnbounded<(string Type, JsonObject Object)>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<(string Type, JsonObject Object)> Reader => _events.Reader;

    /// <summary>Set by the store so that disposing unsubscribes.</summary>
    public Action<WatchSubscription>? OnDispose { get; set; }

    /// <summary>Queues the event as this watch sees it: an object that leaves the selection is DELETED, one that enters it ADDED.</summary>
    public void Offer(StoredEvent change)
    {
        if (change.Key.Kind != kind || (ns is not null && change.Key.Namespace != ns))
        {
            return;
        }

        var now = selector.Matches(change.Object);
        var before = change.Previous is not null && selector.Matches(change.Previous);
        var type = change.Type switch
        {
            "ADDED" when now => "ADDED",
            "DELETED" when now => "DELETED",
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            _events.Writer.TryWrite((type, (JsonObject)change.Object.DeepClone()));
        }
    }

    /// <summary>Queues an event as it is (initial ADDED events, bookmarks).</summary>
    public void Send(string type, JsonObject obj) => _events.Writer.TryWrite((type, obj));

    /// <summary>Ends the stream: the server is stopping.</summary>
    public void Close() => _events.Writer.TryComplete();

    public bool Matches(ObjectKey key, JsonObject obj) =>
        key.Kind == kind && (ns is null || key.Namespace == ns) && selector.Matches(obj);

    public void Dispose()
    {
        Close();
        OnDispose?.Invoke(this);
    }
}
