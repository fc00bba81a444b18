namespace MultiNet.KubeApi;

/// <summary>The parts of a Kubernetes <c>Status</c> error body that messages use.</summary>
internal sealed class StatusWire
{
    public string? Kind { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public int Code { get; set; }
}
