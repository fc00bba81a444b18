using FluentAssertions;
using MultiNet.Cni.Build;
using MultiNet.Daemon.Metrics;
using MultiNet.Testing.Node;

namespace MultiNet.Daemon.Tests.Metrics;

public sealed class DaemonMetricsTests
{
    [Fact]
    public void Render_Requests_CountsByCommandAndResultWithCumulativeBuckets()
    {
        var metrics = new DaemonMetrics();
        metrics.RecordRequest("ADD", "success", TimeSpan.FromMilliseconds(3));
        metrics.RecordRequest("ADD", "success", TimeSpan.FromMilliseconds(30));
        metrics.RecordRequest("DEL", "error", TimeSpan.FromSeconds(100));

        var text = metrics.Render();

        text.Should().Contain("# TYPE multinetd_requests_total counter\n")
            .And.Contain("multinetd_requests_total{command=\"ADD\",result=\"success\"} 2\n")
            .And.Contain("multinetd_requests_total{command=\"DEL\",result=\"error\"} 1\n")
            .And.Contain("# TYPE multinetd_request_duration_seconds histogram\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"ADD\",le=\"0.0025\"} 0\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"ADD\",le=\"0.005\"} 1\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"ADD\",le=\"0.05\"} 2\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"ADD\",le=\"+Inf\"} 2\n")
            .And.Contain("multinetd_request_duration_seconds_count{command=\"ADD\"} 2\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"DEL\",le=\"60\"} 0\n")
            .And.Contain("multinetd_request_duration_seconds_bucket{command=\"DEL\",le=\"+Inf\"} 1\n")
            .And.Contain("multinetd_request_duration_seconds_sum{command=\"DEL\"} 100\n");
    }

    [Fact]
    public void Render_DelegatesEventsAndSampled_WritesEachSeriesOnceWithHelpAndType()
    {
        var metrics = new DaemonMetrics();
        metrics.RecordDelegate(TimeSpan.FromMilliseconds(8));
        metrics.RecordEventDropped();
        var size = 3;
        metrics.AddSampled("multinetd_cache_objects", "Objects.", "gauge", () => [("cache=\"pods\"", size)]);
        metrics.AddSampled("multinetd_ready", "Ready.", "gauge", () => [("", 1)]);
        size = 7;

        var text = metrics.Render();

        text.Should().Contain("multinetd_delegate_duration_seconds_bucket{le=\"0.01\"} 1\n")
            .And.Contain("multinetd_delegate_duration_seconds_count 1\n")
            .And.Contain("multinetd_events_dropped_total 1\n")
            .And.Contain("# HELP multinetd_cache_objects Objects.\n# TYPE multinetd_cache_objects gauge\nmultinetd_cache_objects{cache=\"pods\"} 7\n")
            .And.Contain("multinetd_ready 1\n");
        text.Split('\n').Where(l => l.StartsWith("# TYPE", StringComparison.Ordinal)).Should().OnlyHaveUniqueItems();
        text.Should().EndWith("\n");
    }

    [Fact]
    public void Render_Always_HasOneBuildInfoSampleWithTheDeclaredVersion()
    {
        var text = new DaemonMetrics().Render();

        text.Should().Contain("# TYPE multinet_build_info gauge\n")
            .And.Contain($"multinet_build_info{{version=\"{RepoVersion.Declared}\",commit=\"{BuildInfo.Commit}\"}} 1\n");
        text.Split('\n').Count(l => l.StartsWith("multinet_build_info{", StringComparison.Ordinal)).Should().Be(1);
    }
}
