using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MultiNet.Attachments.Checkpoints;

/// <summary>Source-generated JSON metadata for checkpoint files.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSourceGenerationOptions(WriteIndented = false)]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
