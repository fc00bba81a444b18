using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>One change in the store's history, as a watch replays it.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="ResourceVersion">The store's resourceVersion after the change.</param>
/// <param name="Key">Which object changed.</param>
/// <param name="Object">The object after the change (for DELETED: its last state).</param>
/// <param name="Previous">The object before the change; null for ADDED.</param>
internal sealed record StoredEvent(string Type, long ResourceVersion, ObjectKey Key, JsonObject Object, JsonObject? Previous);
