using MultiNet.Controller.Configuration;

namespace MultiNet.Controller.Leadership;

/// <summary>
/// One replica's view of the Lease, the way client-go's leader election works: a Lease held by another replica is
/// taken over only after it has not changed for its duration as measured on this replica's own clock (so clocks
/// need not agree), or at once when its holder released it. Every write names the resourceVersion read, so two
/// replicas never both win.
/// </summary>
internal sealed class LeaseElector(ILeaseStore store, LeaderElectionOptions options, TimeProvider time)
{
    private string? _observedVersion;
    private long _observedAt;

    /// <summary>This replica's identity in the Lease.</summary>
    public string Identity => options.Identity;

    /// <summary>The holder seen last (empty: nobody).</summary>
    public string LastHolder { get; private set; } = "";

    /// <summary>One attempt to take or renew the Lease: true when this replica holds it afterwards, false when another does.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        int duration = (int)Math.Ceiling(options.LeaseDuration.TotalSeconds);
        LeaseRecord? current = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return Won(await store.CreateAsync(new LeaseRecord(Identity, duration, now, now, 0, ""), cancellationToken).ConfigureAwait(false));
        }

        if (current.ResourceVersion != _observedVersion)
        {
            _observedVersion = current.ResourceVersion;
            _observedAt = time.GetTimestamp();
        }

        LastHolder = current.Holder;
        bool mine = current.Holder == Identity;
        TimeSpan heldFor = TimeSpan.FromSeconds(current.DurationSeconds > 0 ? current.DurationSeconds : duration);
        bool free = current.Holder.Length == 0 || time.GetElapsedTime(_observedAt) >= heldFor;
        if (!mine && !free)
        {
            return false;
        }

        var next = current with
        {
            Holder = Identity,
            DurationSeconds = duration,
            AcquireTime = mine ? current.AcquireTime : now,
            RenewTime = now,
            Transitions = mine ? current.Transitions : current.Transitions + 1,
        };
        return Won(await store.ReplaceAsync(next, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Gives the Lease up (holder emptied) so another replica takes over at once; nothing when another holds it.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        LeaseRecord? current = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        if (current is null || current.Holder != Identity)
        {
            return;
        }

        await store.ReplaceAsync(current with { Holder = "", DurationSeconds = 1, RenewTime = time.GetUtcNow().UtcDateTime }, cancellationToken).ConfigureAwait(false);
        LastHolder = "";
    }

    private bool Won(bool written)
    {
        if (written)
        {
            LastHolder = Identity;
        }

        return written;
    }
}
