using FluentAssertions;
using MultiNet.Controller.Tests.Support;

namespace MultiNet.Controller.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Review_PodWithMissingNetwork_Denied()
    {
        await using var harness = await ControllerHarness.StartAsync(api => api.AddNad("app", "net-a", """{"cniVersion":"1.0.0","type":"bridge"}"""));

        var ok = await harness.ReviewPodAsync(AdmissionReviews.PodWithNetworks("app", "p1", "net-a"));
        var bad = await harness.ReviewPodAsync(AdmissionReviews.PodWithNetworks("app", "p2", "net-b"));

        ok.Allowed.Should().BeTrue(ok.ToString());
        bad.Allowed.Should().BeFalse();
        bad.Reasons.Should().Equal("NetworkNotFound");
    }
}
