using System.Net;
using k8s.Autorest;

namespace MultiNet.Kubernetes.Watch;

/// <summary>Sorts what KubernetesClient reports during a watch: 410 means list again, anything else is a failure.</summary>
internal static class KubeWatchErrors
{
    /// <summary>The exception to throw for <paramref name="error"/>, reported during the watch of <paramref name="resource"/>.</summary>
    public static Exception Translate(Exception error, string resource) => error switch
    {
        k8s.Autorest.HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } =>
            new WatchExpiredException($"watch {resource}: 410 Gone", error),
        k8s.KubernetesException { Status.Code: 410 } k =>
            new WatchExpiredException($"watch {resource}: {k.Status.Message ?? "410 Expired"}", error),
        _ => new HttpRequestException($"watch {resource}: {error.Message}", error),
    };
}
