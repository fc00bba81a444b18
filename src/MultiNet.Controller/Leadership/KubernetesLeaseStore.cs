using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MultiNet.Cni.Protocol;
using MultiNet.Controller.ApiObjects;

namespace MultiNet.Controller.Leadership;

/// <summary><see cref="ILeaseStore"/> over KubernetesClient: get, create and update of one Lease, by name.</summary>
internal sealed class KubernetesLeaseStore(IKubernetes client, string ns, string name) : ILeaseStore
{
    /// <inheritdoc />
    public string Name => $"{ns}/{name}";

    /// <inheritdoc />
    public async Task<LeaseRecord?> GetAsync(CancellationToken cancellationToken)
    {
        V1Lease? lease = await ApiCalls.GetAsync(
            () => client.CoordinationV1.ReadNamespacedLeaseAsync(name, ns, cancellationToken: cancellationToken), $"get lease \"{Name}\"", cancellationToken).ConfigureAwait(false);
        return lease is null
            ? null
            : new LeaseRecord(lease.Spec?.HolderIdentity ?? "", lease.Spec?.LeaseDurationSeconds ?? 0, lease.Spec?.AcquireTime,
                lease.Spec?.RenewTime, lease.Spec?.LeaseTransitions ?? 0, lease.Metadata?.ResourceVersion ?? "");
    }

    /// <inheritdoc />
    public async Task<bool> CreateAsync(LeaseRecord lease, CancellationToken cancellationToken)
    {
        try
        {
            return await ApiCalls.TryWriteAsync(
                () => client.CoordinationV1.CreateNamespacedLeaseAsync(Lease(lease), ns, cancellationToken: cancellationToken), $"create lease \"{Name}\"", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (CniException e) when (e.InnerException is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden })
        {
            // deploy/controller ships the Lease and grants no create (it cannot be limited by name).
            throw new InvalidOperationException(
                $"lease \"{Name}\" (--lease-name) does not exist and the controller may not create it: apply deploy/controller, which ships it (lease.yaml); {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task<bool> ReplaceAsync(LeaseRecord lease, CancellationToken cancellationToken) => ApiCalls.TryWriteAsync(
        () => client.CoordinationV1.ReplaceNamespacedLeaseAsync(Lease(lease), name, ns, cancellationToken: cancellationToken), $"update lease \"{Name}\"", cancellationToken);

    private V1Lease Lease(LeaseRecord lease) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            ResourceVersion = lease.ResourceVersion.Length > 0 ? lease.ResourceVersion : null,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "multinet", ["app.kubernetes.io/component"] = "controller" },
        },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = lease.Holder,
            LeaseDurationSeconds = lease.DurationSeconds,
            AcquireTime = lease.AcquireTime,
            RenewTime = lease.RenewTime,
            LeaseTransitions = lease.Transitions,
        },
    };
}
