namespace MultiNet.Cni.Protocol;

/// <summary>CNI error codes: 1–99 as the CNI spec defines them, 100 and up MultiNet's own (listed in README).</summary>
public enum CniErrorCode
{
    /// <summary>Incompatible CNI version.</summary>
    IncompatibleVersion = 1,
    /// <summary>Unsupported field in network configuration.</summary>
    UnsupportedField = 2,
    /// <summary>Container unknown or does not exist.</summary>
    UnknownContainer = 3,
    /// <summary>Invalid necessary environment variables.</summary>
    InvalidEnvironment = 4,
    /// <summary>I/O failure.</summary>
    IoFailure = 5,
    /// <summary>Failed to decode content.</summary>
    DecodeFailure = 6,
    /// <summary>Invalid network config.</summary>
    InvalidConfig = 7,
    /// <summary>Try again later (transient).</summary>
    TryAgainLater = 11,
    /// <summary>STATUS: plugin not available.</summary>
    NotAvailable = 50,
    /// <summary>STATUS: not available, existing containers may have limited connectivity.</summary>
    NotAvailableLimitedConnectivity = 51,

    /// <summary>A NetworkAttachmentDefinition (or on-disk config) named by the pod or config does not exist.</summary>
    NetworkNotFound = 100,
    /// <summary>The pod's network selection annotation is malformed.</summary>
    InvalidNetworkSelection = 101,
    /// <summary>A delegate plugin failed, or printed something that is not a CNI result.</summary>
    DelegateFailed = 102,
    /// <summary>The Kubernetes API answered with an error that is not transient.</summary>
    KubernetesApi = 103,
    /// <summary>The checkpoint could not be written or read.</summary>
    Checkpoint = 104,
    /// <summary>An interface name is invalid, requested twice, or already present in the pod's namespace.</summary>
    InterfaceConflict = 105,
    /// <summary>The pod selected a network outside the namespaces it may use.</summary>
    NamespaceIsolation = 106,
    /// <summary>The pod asked for a capability that no plugin of the network declares.</summary>
    CapabilityNotDeclared = 107,
    /// <summary>The default route could not be moved inside the pod's namespace.</summary>
    DefaultRoute = 108,
    /// <summary>Device IDs for a NAD's resourceName could not be found.</summary>
    DeviceAllocation = 109,
    /// <summary>The pod found in the API is not the one the runtime named (UID mismatch).</summary>
    PodMismatch = 111,
    /// <summary>An unexpected internal failure.</summary>
    Internal = 199,
}
