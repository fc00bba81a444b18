using System.Text.Json;

namespace MultiNet.KubeApi.Watch;

/// <summary>One line of a WATCH stream; the object stays a <see cref="JsonElement"/> because ERROR events carry a Status.</summary>
internal sealed class WatchEventWire
{
    public string? Type { get; set; }
    public JsonElement Object { get; set; }
}
