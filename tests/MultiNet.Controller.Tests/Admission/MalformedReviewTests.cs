using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Tests.Support;

namespace MultiNet.Controller.Tests.Admission;

public class MalformedReviewTests(SeededController controller) : IClassFixture<SeededController>
{
    public static TheoryData<string, string> Bodies => new()
    {
        { "", "empty" },
        { "{", "not valid JSON" },
        { "[]", "not a JSON object" },
        { "\"AdmissionReview\"", "not a JSON object" },
        { """{"kind":"Pod","apiVersion":"v1"}""", "expected kind AdmissionReview" },
        { """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}""", "no \"request\" object" },
        { """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"kind":{"kind":"Pod"},"operation":"CREATE"}}""", "request.uid" },
        { """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"1","operation":"CREATE"}}""", "request.kind.kind" },
        { """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"1","kind":{"kind":"Pod"}}}""", "request.operation" },
        { """{"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"1","kind":{"kind":"Pod"},"operation":"CREATE","object":"x"}}""", "request.object must be an object" },
        { """{"kind":"AdmissionReview","kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1"}""", "not valid" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_NotAnAdmissionReview_400WithMessage(string body, string expected)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await controller.Harness.Http.PostAsync("/validate", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)status["kind"]!).Should().Be("Status");
        ((string)status["message"]!).Should().StartWith("multinet-controller: ").And.Contain(expected);
        await StillServesAsync();
    }

    [Fact]
    public async Task Post_TruncatedBodyAndGarbageBytes_400ThenStillServing()
    {
        byte[] garbage = [0xff, 0xfe, 0x00, 0x7b, 0x22];
        using var content = new ByteArrayContent(garbage);

        using var response = await controller.Harness.Http.PostAsync("/validate/pods", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await StillServesAsync();
    }

    [Fact]
    public async Task Post_BodyOverLimit_Rejected()
    {
        using var content = new ByteArrayContent(new byte[9 * 1024 * 1024]);

        try
        {
            using var response = await controller.Harness.Http.PostAsync("/validate", content);
            ((int)response.StatusCode).Should().BeOneOf(400, 413);
        }
        catch (HttpRequestException)
        {
            // The server answered before reading the body and closed the connection under the client: also a refusal.
        }

        await StillServesAsync();
    }

    [Fact]
    public async Task Get_OnWebhookPath_NotAllowed()
    {
        using var response = await controller.Harness.Http.GetAsync("/validate");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Review_UnknownKind_Allowed()
    {
        var review = AdmissionReviews.For("Pod", "CREATE", "app", "d", new JsonObject());
        review["request"]!["kind"]!["kind"] = "Deployment";

        (await controller.Harness.ReviewAsync(review)).Allowed.Should().BeTrue();
    }

    private async Task StillServesAsync()
    {
        var result = await controller.Harness.ReviewPodAsync(AdmissionReviews.PodWithNetworks("app", "after", "net-a"));
        result.Allowed.Should().BeTrue();
    }
}
