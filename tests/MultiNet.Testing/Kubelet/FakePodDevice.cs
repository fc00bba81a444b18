namespace MultiNet.Testing.Kubelet;

/// <summary>Devices of one resource allocated to one container of one pod, as the fake kubelet reports them.</summary>
public sealed record FakePodDevice(string PodNamespace, string PodName, string Container, string Resource, IReadOnlyList<string> DeviceIds);
