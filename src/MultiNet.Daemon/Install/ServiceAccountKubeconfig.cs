using System.Text.Json;

namespace MultiNet.Daemon.Install;

/// <summary>
/// The kubeconfig the thin plugin uses on the host, built from the install pod's service account. Written as JSON
/// (a YAML document too: kubectl and multinet read it) so no YAML writer is needed and nothing needs escaping rules.
/// </summary>
internal static class ServiceAccountKubeconfig
{
    /// <summary>The kubeconfig's bytes for <paramref name="credentials"/>.</summary>
    public static byte[] Build(ServiceAccountCredentials credentials)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", "v1");
            w.WriteString("kind", "Config");
            w.WriteStartArray("clusters");
            w.WriteStartObject();
            w.WriteString("name", "multinet-cluster");
            w.WriteStartObject("cluster");
            w.WriteString("server", credentials.Server.GetLeftPart(UriPartial.Authority));
            if (credentials.CaPem is { } ca)
            {
                w.WriteBase64String("certificate-authority-data", ca);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartArray("users");
            w.WriteStartObject();
            w.WriteString("name", "multinet");
            w.WriteStartObject("user");
            w.WriteString("token", credentials.Token);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartArray("contexts");
            w.WriteStartObject();
            w.WriteString("name", "multinet");
            w.WriteStartObject("context");
            w.WriteString("cluster", "multinet-cluster");
            w.WriteString("user", "multinet");
            if (credentials.Namespace is { } ns)
            {
                w.WriteString("namespace", ns);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("current-context", "multinet");
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
