namespace MultiNet.Attachments.Cluster;

/// <summary>Emits Events on pods. Failures to record are logged by the implementation, never thrown.</summary>
public interface IPodEventRecorder
{
    /// <summary>Records one event on the pod.</summary>
    Task RecordAsync(PodInfo pod, PodEvent podEvent, CancellationToken cancellationToken);
}
