using System.Globalization;
using System.Text.Json;
using MultiNet.Attachments.Cluster;

namespace MultiNet.KubeApi;

/// <summary>The request bodies the plugin sends, written with <see cref="Utf8JsonWriter"/> (no reflection, no DOM).</summary>
internal static class ThinApiBodies
{
    /// <summary><c>{"metadata":{"uid":..., "annotations":{key: value}}}</c>: a merge patch that sets one annotation, only on that uid.</summary>
    public static byte[] NetworkStatusPatch(string annotation, string value, string uid)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("metadata");
            if (uid.Length > 0)
            {
                json.WriteString("uid", uid);
            }

            json.WriteStartObject("annotations");
            json.WriteString(annotation, value);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A core/v1 Event about the pod.</summary>
    public static byte[] Event(PodInfo pod, PodEvent podEvent, string name, string component, DateTimeOffset now)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", "v1");
            json.WriteString("kind", "Event");
            json.WriteStartObject("metadata");
            json.WriteString("name", name);
            json.WriteString("namespace", pod.Namespace);
            json.WriteEndObject();
            json.WriteStartObject("involvedObject");
            json.WriteString("apiVersion", "v1");
            json.WriteString("kind", "Pod");
            json.WriteString("namespace", pod.Namespace);
            json.WriteString("name", pod.Name);
            if (pod.Uid.Length > 0)
            {
                json.WriteString("uid", pod.Uid);
            }

            json.WriteEndObject();
            json.WriteString("reason", podEvent.Reason);
            json.WriteString("message", podEvent.Message);
            json.WriteString("type", podEvent.Type);
            json.WriteStartObject("source");
            json.WriteString("component", component);
            json.WriteEndObject();
            json.WriteString("reportingComponent", component);
            json.WriteString("reportingInstance", Environment.MachineName);
            json.WriteString("firstTimestamp", timestamp);
            json.WriteString("lastTimestamp", timestamp);
            json.WriteNumber("count", 1);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
