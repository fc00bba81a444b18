namespace MultiNet.Controller.Admission;

/// <summary>Reason codes of the controller's own decisions (the rules' codes are in <c>RuleReasons</c>).</summary>
internal static class ControllerReasons
{
    /// <summary>The object in the review cannot be read as a NAD or a pod.</summary>
    public const string InvalidObject = "InvalidObject";

    /// <summary>Warning: a NAD that running pods use was changed; they keep their attachments.</summary>
    public const string InUseNetworkChanged = "InUseNetworkChanged";

    /// <summary>Warning: a NAD that running pods use was deleted through the override annotation.</summary>
    public const string InUseNetworkForceDeleted = "InUseNetworkForceDeleted";

    /// <summary>Warning: a network not in the cache could not be looked up; the pod was admitted unchecked for it.</summary>
    public const string NetworkUnverified = "NetworkUnverified";

    /// <summary>The annotation on a NAD that lets it be deleted while pods use it.</summary>
    public const string AllowDeleteInUseAnnotation = "multinet.io/allow-delete-in-use";
}
