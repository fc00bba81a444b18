namespace MultiNet.Controller.Certificates;

/// <summary>The controller's own certificate Secret, by name. Failures other than the ones returned throw <see cref="InvalidOperationException"/> naming it.</summary>
internal interface ISecretStore
{
    /// <summary>"namespace/name", for messages.</summary>
    string Name { get; }

    /// <summary>The Secret, or null when it does not exist.</summary>
    Task<StoredSecret?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Creates it, marked as the controller's; false when it exists already (another leader was first).</summary>
    Task<bool> CreateAsync(IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken);

    /// <summary>Replaces its data if it is still at <paramref name="resourceVersion"/>; false on a conflict.</summary>
    Task<bool> ReplaceAsync(IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken);
}
