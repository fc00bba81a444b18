namespace MultiNet.Testing.ApiServer;

/// <summary>Where an object is stored: its kind, namespace ("" when cluster-scoped) and name.</summary>
internal readonly record struct ObjectKey(string Kind, string Namespace, string Name);
