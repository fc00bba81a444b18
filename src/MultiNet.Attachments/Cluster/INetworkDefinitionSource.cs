using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Attachments.Cluster;

/// <summary>Where NetworkAttachmentDefinitions come from.</summary>
public interface INetworkDefinitionSource
{
    /// <summary>Returns the NAD, or null when it does not exist. Throws <c>CniException</c> (code 11 when transient) on failure.</summary>
    Task<NetworkAttachmentDefinition?> GetAsync(string nadNamespace, string nadName, CancellationToken cancellationToken);
}
