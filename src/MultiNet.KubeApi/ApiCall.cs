namespace MultiNet.KubeApi;

/// <summary>One API request, with what error messages say about it: <c>GET pods "ns/name"</c>.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Resource">Resource as messages name it: pods, pods/status, network-attachment-definitions, events.</param>
/// <param name="Namespace">Namespace of the object.</param>
/// <param name="Name">Name of the object.</param>
/// <param name="Path">Path and query below the server URL.</param>
/// <param name="Body">Request body, or null.</param>
/// <param name="ContentType">Content type of the body.</param>
internal sealed record ApiCall(
    HttpMethod Method, string Resource, string Namespace, string Name, string Path, byte[]? Body = null, string? ContentType = null)
{
    public override string ToString() => $"{Method.Method} {Resource} \"{Namespace}/{Name}\"";

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
