namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>
/// The stable reason codes of <see cref="RuleFinding.Reason"/>. Tests, the corpus, metrics labels and scripts rely on
/// them: add new ones, never rename.
/// </summary>
public static class RuleReasons
{
    /// <summary><c>metadata.name</c> is not a DNS-1123 label.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>Warning: <c>spec.config</c> is empty, so every node needs a CNI config file named like the NAD.</summary>
    public const string EmptyConfig = "EmptyConfig";

    /// <summary><c>spec.config</c> is not a JSON object (syntax error, duplicate key, another JSON type).</summary>
    public const string InvalidConfigJson = "InvalidConfigJson";

    /// <summary><c>plugins</c> is not a non-empty array of objects.</summary>
    public const string InvalidPlugins = "InvalidPlugins";

    /// <summary>A conf, or a plugin of a conflist, has no <c>type</c>.</summary>
    public const string MissingType = "MissingType";

    /// <summary><c>type</c> is not a non-empty string naming a binary (no '/' or '\').</summary>
    public const string InvalidType = "InvalidType";

    /// <summary>The config has neither <c>cniVersion</c> nor <c>cniVersions</c>.</summary>
    public const string MissingCniVersion = "MissingCniVersion";

    /// <summary>No <c>cniVersion</c> the plugin speaks.</summary>
    public const string UnsupportedCniVersion = "UnsupportedCniVersion";

    /// <summary>The config's <c>name</c> breaks the CNI network-name rule.</summary>
    public const string InvalidConfigName = "InvalidConfigName";

    /// <summary>Warning: the config's <c>name</c> differs from the NAD's name.</summary>
    public const string ConfigNameMismatch = "ConfigNameMismatch";

    /// <summary>Warning: a conflist also has a top-level <c>type</c>, which is ignored.</summary>
    public const string AmbiguousConfig = "AmbiguousConfig";

    /// <summary>Warning: <c>capabilities</c> is not an object of booleans, so some of it is ignored.</summary>
    public const string InvalidCapabilities = "InvalidCapabilities";

    /// <summary>An <c>ipam</c> section has the wrong shape (not an object, a list that is not a list, ...).</summary>
    public const string InvalidIpam = "InvalidIpam";

    /// <summary>An IPAM address, subnet or route does not parse.</summary>
    public const string InvalidIpamAddress = "InvalidIpamAddress";

    /// <summary>An IPAM <c>rangeStart</c>/<c>rangeEnd</c> (or static address) lies outside its subnet.</summary>
    public const string IpamAddressOutsideSubnet = "IpamAddressOutsideSubnet";

    /// <summary>An IPAM range cannot be allocated from: start after end, host bits set, too small, overlapping, mixed families.</summary>
    public const string InvalidIpamRange = "InvalidIpamRange";

    /// <summary>Warning: an IPAM gateway lies outside its subnet.</summary>
    public const string IpamGatewayOutsideSubnet = "IpamGatewayOutsideSubnet";

    /// <summary>The plugin's own config parser refuses the config for a reason no finer rule names.</summary>
    public const string InvalidConfig = "InvalidConfig";

    /// <summary>The networks annotation is not valid JSON / text form as a whole.</summary>
    public const string InvalidSelectionSyntax = "InvalidSelectionSyntax";

    /// <summary>A selection's <c>name</c> is missing or not a DNS-1123 label.</summary>
    public const string InvalidNetworkName = "InvalidNetworkName";

    /// <summary>A selection's <c>namespace</c> is not a DNS-1123 label.</summary>
    public const string InvalidNamespace = "InvalidNamespace";

    /// <summary>A requested <c>interface</c> is not a valid Linux interface name.</summary>
    public const string InvalidInterfaceName = "InvalidInterfaceName";

    /// <summary><c>ips</c> is not a list of IP addresses (optionally with a prefix length).</summary>
    public const string InvalidIps = "InvalidIps";

    /// <summary><c>mac</c> is not a 6-byte MAC address.</summary>
    public const string InvalidMac = "InvalidMac";

    /// <summary><c>infiniband-guid</c> is not an 8-byte GUID.</summary>
    public const string InvalidInfinibandGuid = "InvalidInfinibandGuid";

    /// <summary><c>default-route</c> is not a list of gateway IP addresses.</summary>
    public const string InvalidDefaultRoute = "InvalidDefaultRoute";

    /// <summary><c>portMappings</c> is malformed (ports out of range, unknown protocol, ...).</summary>
    public const string InvalidPortMappings = "InvalidPortMappings";

    /// <summary><c>bandwidth</c> is malformed (negative, burst without rate, ...).</summary>
    public const string InvalidBandwidth = "InvalidBandwidth";

    /// <summary><c>cni-args</c> is not an object.</summary>
    public const string InvalidCniArgs = "InvalidCniArgs";

    /// <summary><c>ipam-claim-reference</c> is not an object name.</summary>
    public const string InvalidIpamClaimReference = "InvalidIpamClaimReference";

    /// <summary><c>deviceID</c> is not a string.</summary>
    public const string InvalidDeviceId = "InvalidDeviceId";

    /// <summary>A selection has a key without a '.' that the spec does not define (a typo such as <c>interfce</c>).</summary>
    public const string UnknownSelectionKey = "UnknownSelectionKey";

    /// <summary>Two selections request the same interface name.</summary>
    public const string DuplicateInterface = "DuplicateInterface";

    /// <summary>More than one IPv4 or more than one IPv6 default gateway.</summary>
    public const string MultipleDefaultRoutes = "MultipleDefaultRoutes";

    /// <summary>A selection requests the interface the cluster network gets (<c>eth0</c>).</summary>
    public const string InterfaceReserved = "InterfaceReserved";

    /// <summary>A selected NetworkAttachmentDefinition does not exist.</summary>
    public const string NetworkNotFound = "NetworkNotFound";

    /// <summary>A selected network is in a namespace the pod may not use (namespaceIsolation).</summary>
    public const string NamespaceIsolation = "NamespaceIsolation";

    /// <summary>Warning: a selected network is in another namespace (allowed, since namespaceIsolation is off).</summary>
    public const string CrossNamespaceNetwork = "CrossNamespaceNetwork";

    /// <summary>A selected NetworkAttachmentDefinition exists but is itself invalid.</summary>
    public const string InvalidNetwork = "InvalidNetwork";

    /// <summary>The pod requests a capability (ips, mac, ...) that no plugin of the network declares.</summary>
    public const string CapabilityNotDeclared = "CapabilityNotDeclared";

    /// <summary>The default-network override annotation is malformed or names more than one network.</summary>
    public const string InvalidDefaultNetwork = "InvalidDefaultNetwork";

    /// <summary>Warning: a requested MAC address is a multicast address, which no interface can take.</summary>
    public const string MulticastMac = "MulticastMac";

    /// <summary>Warning: <c>ips</c> without a prefix length on a network whose IPAM (static) needs one.</summary>
    public const string IpWithoutPrefix = "IpWithoutPrefix";

    /// <summary>Warning: <c>ips</c> and <c>ipam-claim-reference</c> in one selection (the spec forbids it; IPAM picks one).</summary>
    public const string IpsWithIpamClaim = "IpsWithIpamClaim";

    /// <summary>Warning: the pod uses the host network, so its networks annotation is never acted on.</summary>
    public const string HostNetworkIgnoresNetworks = "HostNetworkIgnoresNetworks";

    /// <summary>Deleting a NetworkAttachmentDefinition that running pods use.</summary>
    public const string NetworkInUse = "NetworkInUse";
}
