using k8s;
using k8s.Models;
using MultiNet.Controller.ApiObjects;

namespace MultiNet.Controller.Certificates;

/// <summary><see cref="ISecretStore"/> over KubernetesClient: get, create and update of one Secret, by name.</summary>
internal sealed class KubernetesSecretStore(IKubernetes client, string ns, string name) : ISecretStore
{
    /// <summary>The label that marks a Secret the controller made (and may therefore rewrite).</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    /// <summary>The value of <see cref="ManagedByLabel"/>.</summary>
    public const string ManagedBy = "multinet-controller";

    /// <inheritdoc />
    public string Name => $"{ns}/{name}";

    /// <inheritdoc />
    public async Task<StoredSecret?> GetAsync(CancellationToken cancellationToken)
    {
        V1Secret? secret = await ApiCalls.GetAsync(
            () => client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken), $"get secret \"{Name}\"", cancellationToken).ConfigureAwait(false);
        return secret is null
            ? null
            : new StoredSecret(
                secret.Data is { } data ? new Dictionary<string, byte[]>(data, StringComparer.Ordinal) : new Dictionary<string, byte[]>(),
                secret.Metadata?.Labels is { } labels && labels.TryGetValue(ManagedByLabel, out string? by) && by == ManagedBy,
                secret.Metadata?.ResourceVersion ?? "");
    }

    /// <inheritdoc />
    public Task<bool> CreateAsync(IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken) => ApiCalls.TryWriteAsync(
        () => client.CoreV1.CreateNamespacedSecretAsync(Secret(data, null), ns, cancellationToken: cancellationToken), $"create secret \"{Name}\"", cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReplaceAsync(IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken) => ApiCalls.TryWriteAsync(
        () => client.CoreV1.ReplaceNamespacedSecretAsync(Secret(data, resourceVersion), name, ns, cancellationToken: cancellationToken),
        $"update secret \"{Name}\"", cancellationToken);

    private V1Secret Secret(IReadOnlyDictionary<string, byte[]> data, string? resourceVersion) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedBy, ["app.kubernetes.io/name"] = "multinet" },
        },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>(data),
    };
}
