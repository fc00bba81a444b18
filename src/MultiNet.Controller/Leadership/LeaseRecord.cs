namespace MultiNet.Controller.Leadership;

/// <summary>The spec of a <c>coordination.k8s.io/v1</c> Lease as leader election reads and writes it, with its resourceVersion.</summary>
internal sealed record LeaseRecord(string Holder, int DurationSeconds, DateTime? AcquireTime, DateTime? RenewTime, int Transitions, string ResourceVersion);
