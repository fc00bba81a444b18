using System.Text.Json.Serialization;
using MultiNet.KubeApi.Watch;

namespace MultiNet.KubeApi;

/// <summary>Source-generated (AOT-safe) JSON for the few API objects the plugin and the daemon read.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(PodWire))]
[JsonSerializable(typeof(NadWire))]
[JsonSerializable(typeof(StatusWire))]
[JsonSerializable(typeof(ListWire<PodWire>))]
[JsonSerializable(typeof(ListWire<NadWire>))]
[JsonSerializable(typeof(WatchEventWire))]
internal sealed partial class ThinApiJsonContext : JsonSerializerContext;
