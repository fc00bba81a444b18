using MultiNet.Attachments.Cluster;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Attachments.Tests.Planning;

/// <summary>NADs held in memory: the stand-in for the API that planning tests need (no HTTP involved in planning).</summary>
internal sealed class InMemoryNetworks : INetworkDefinitionSource, IDeviceAllocationSource, IPodEventRecorder
{
    private readonly Dictionary<(string, string), NetworkAttachmentDefinition> _nads = [];
    public Dictionary<string, IReadOnlyList<string>> Devices { get; } = [];
    public List<PodEvent> Events { get; } = [];

    public InMemoryNetworks Add(string ns, string name, string? config, string? resourceName = null)
    {
        _nads[(ns, name)] = new NetworkAttachmentDefinition { Namespace = ns, Name = name, Config = config, ResourceName = resourceName };
        return this;
    }

    public Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken) =>
        Task.FromResult(_nads.GetValueOrDefault((nadNamespace, nadName)));

    public Task<IReadOnlyList<string>> GetDeviceIdsAsync(PodInfo pod, string resourceName, CancellationToken cancellationToken) =>
        Task.FromResult(Devices.GetValueOrDefault(resourceName) ?? []);

    public Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken)
    {
        Events.Add(podEvent);
        return Task.CompletedTask;
    }
}
