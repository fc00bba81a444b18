namespace MultiNet.Controller.Caches;

/// <summary>Whether the caches the webhooks read have been filled: <c>/readyz</c> answers from it.</summary>
internal sealed class CacheReadiness
{
    private readonly List<Func<bool>> _synced = [];

    /// <summary>True when every registered cache has been listed at least once.</summary>
    public bool IsReady => _synced.Count > 0 && _synced.All(s => s());

    /// <summary>Adds a cache's "has synced" test.</summary>
    public void Register(Func<bool> synced) => _synced.Add(synced);
}
