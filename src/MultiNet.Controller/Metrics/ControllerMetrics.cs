using System.Text;
using MultiNet.Cni.Build;
using MultiNet.Controller.Caches;

namespace MultiNet.Controller.Metrics;

/// <summary>Everything multinet-controller exposes at <c>/metrics</c> (names in README).</summary>
internal sealed class ControllerMetrics
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly List<IMetric> _all = [];

    /// <summary>Registers the metrics; the gauges read the caches when scraped.</summary>
    public ControllerMetrics(NadCache nads, PodCache pods, CacheReadiness readiness)
    {
        _all.Add(new Gauge("multinet_controller_nads_cached", "NetworkAttachmentDefinitions in the watch cache.", () => nads.Count));
        _all.Add(new Gauge("multinet_controller_pods_with_secondary_networks", "Pods whose annotations ask for networks.", () => pods.Count));
        _all.Add(new Gauge("multinet_controller_caches_synced", "1 when the NAD and pod caches have been listed, else 0.", () => readiness.IsReady ? 1 : 0));
        _all.Add(new Gauge("multinet_controller_managed_heap_bytes", "Bytes of the managed heap in use (GC.GetTotalMemory, no collection).", () => GC.GetTotalMemory(false)));
        _all.Add(new Gauge("process_resident_memory_bytes", "Resident set size of the controller process.", () => Environment.WorkingSet));
        _all.Add(Admissions);
        _all.Add(Denials);
        _all.Add(Warnings);
        _all.Add(Latency);
        _all.Add(MalformedReviews);
        _all.Add(PodEvents);
        _all.Add(WatchRestarts);
        _all.Add(CertificateReloads);
    }

    /// <summary>Admission reviews answered, by kind, operation and whether allowed.</summary>
    public Counter Admissions { get; } = new("multinet_controller_admissions_total", "Admission reviews answered.", "kind", "operation", "allowed");

    /// <summary>Denials by kind and reason (RuleReasons codes).</summary>
    public Counter Denials { get; } = new("multinet_controller_denials_total", "Admission denials by reason.", "kind", "reason");

    /// <summary>Admission warnings by kind and reason.</summary>
    public Counter Warnings { get; } = new("multinet_controller_warnings_total", "Admission warnings by reason.", "kind", "reason");

    /// <summary>Time from request body read to response, by kind.</summary>
    public Histogram Latency { get; } = new(
        "multinet_controller_admission_duration_seconds", "Time to decide one admission review.", LatencyBuckets, "kind");

    /// <summary>Bodies that were not an AdmissionReview (answered 400).</summary>
    public Counter MalformedReviews { get; } = new("multinet_controller_malformed_reviews_total", "Request bodies that were not an AdmissionReview.");

    /// <summary>Warning Events recorded on pods, by reason.</summary>
    public Counter PodEvents { get; } = new("multinet_controller_pod_events_total", "Warning Events recorded on pods.", "reason");

    /// <summary>List/watch restarts after an expiry or a failure, by resource.</summary>
    public Counter WatchRestarts { get; } = new("multinet_controller_watch_restarts_total", "List/watch restarts after an expiry or failure.", "resource");

    /// <summary>Serving certificate reloads.</summary>
    public Counter CertificateReloads { get; } = new("multinet_controller_certificate_reloads_total", "Serving certificate reloads after the files changed.");

    /// <summary>The text exposition of every metric.</summary>
    public string Render()
    {
        var sb = new StringBuilder(BuildInfo.MetricText());
        using var writer = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture);
        foreach (IMetric metric in _all)
        {
            metric.Write(writer);
        }

        return sb.ToString();
    }
}
