using k8s.Models;
using MultiNet.Attachments.Cluster;

namespace MultiNet.Kubernetes.Api;

/// <summary>Builds a core/v1 Event about a pod, shaped the way kubectl describe and client-go's recorder expect.</summary>
internal static class PodEventBuilder
{
    // The API server refuses event messages longer than this.
    private const int MaxMessageLength = 1024;

    private static long s_lastEventNanoseconds;

    /// <summary>An event on <paramref name="pod"/> from <paramref name="component"/> (on node <paramref name="host"/>) at <paramref name="now"/>.</summary>
    public static Corev1Event Build(PodInfo pod, PodEvent podEvent, string component, string? host, DateTimeOffset now) => new()
    {
        Metadata = new V1ObjectMeta { Name = EventName(pod.Name, now), NamespaceProperty = pod.Namespace },
        InvolvedObject = new V1ObjectReference
        {
            ApiVersion = "v1",
            Kind = "Pod",
            NamespaceProperty = pod.Namespace,
            Name = pod.Name,
            Uid = string.IsNullOrEmpty(pod.Uid) ? null : pod.Uid,
        },
        Type = podEvent.Type,
        Reason = podEvent.Reason,
        Message = podEvent.Message.Length > MaxMessageLength ? podEvent.Message[..MaxMessageLength] : podEvent.Message,
        Source = new V1EventSource { Component = component, Host = host },
        ReportingComponent = component,
        ReportingInstance = host ?? component,
        FirstTimestamp = now.UtcDateTime,
        LastTimestamp = now.UtcDateTime,
        Count = 1,
    };

    // client-go's recorder names events "<pod>.<unix nanoseconds in hex>"; kept strictly increasing so two events never collide.
    private static string EventName(string podName, DateTimeOffset now)
    {
        var nanoseconds = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        long last;
        long next;
        do
        {
            last = Interlocked.Read(ref s_lastEventNanoseconds);
            next = Math.Max(nanoseconds, last + 1);
        }
        while (Interlocked.CompareExchange(ref s_lastEventNanoseconds, next, last) != last);

        return $"{podName}.{next:x}";
    }
}
