namespace MultiNet.Controller.Certificates;

/// <summary>The Secret as read: its data, whether the controller made it, and the resourceVersion an update must name.</summary>
internal sealed record StoredSecret(IReadOnlyDictionary<string, byte[]> Data, bool ManagedByController, string ResourceVersion);
