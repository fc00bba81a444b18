namespace MultiNet.Controller.Leadership;

/// <summary>The controller's own Lease, by name. API failures throw with a message naming it.</summary>
internal interface ILeaseStore
{
    /// <summary>"namespace/name", for messages.</summary>
    string Name { get; }

    /// <summary>The Lease, or null when it does not exist.</summary>
    Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates it; false when it exists already (another replica was first).</summary>
    Task<bool> CreateAsync(LeaseRecord lease, CancellationToken cancellationToken);

    /// <summary>Replaces it if it is still at <see cref="LeaseRecord.ResourceVersion"/>; false on a conflict.</summary>
    Task<bool> ReplaceAsync(LeaseRecord lease, CancellationToken cancellationToken);
}
