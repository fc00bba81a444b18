namespace MultiNet.Controller.Certificates;

/// <summary>The Secret as read: its data, whether the controller made it, and the resourceVersion an update must name.</summary>
internal sealed record StoredSecret(IReadOnlyDictionary<string, byte[]> Data, bool ManagedByController, string ResourceVersion)
{
    /// <summary>True when the Secret holds no data at all (every key absent or empty): made for the controller to fill.</summary>
    public bool Empty => Data.Values.All(v => v.Length == 0);
}
