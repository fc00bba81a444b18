using System.Text.Json.Serialization;

namespace MultiNet.KubeApi;

/// <summary>Source-generated (AOT-safe) JSON for the few API objects the plugin reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(PodWire))]
[JsonSerializable(typeof(NadWire))]
[JsonSerializable(typeof(StatusWire))]
internal sealed partial class ThinApiJsonContext : JsonSerializerContext;
