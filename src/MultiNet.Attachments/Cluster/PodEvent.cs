namespace MultiNet.Attachments.Cluster;

/// <summary>A Kubernetes Event about a pod.</summary>
/// <param name="Type">Normal or Warning.</param>
/// <param name="Reason">CamelCase reason, e.g. AddedInterface or NoNetworkFound.</param>
/// <param name="Message">Human-readable message.</param>
public sealed record PodEvent(string Type, string Reason, string Message);
