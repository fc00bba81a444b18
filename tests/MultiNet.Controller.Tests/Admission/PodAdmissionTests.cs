using FluentAssertions;
using MultiNet.Controller.Tests.Support;
using static MultiNet.Controller.Tests.Support.AdmissionReviews;

namespace MultiNet.Controller.Tests.Admission;

public class PodAdmissionTests(SeededController controller) : IClassFixture<SeededController>
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    [Theory]
    [InlineData("net-a")]
    [InlineData("net-a@data0, caps@data1, default/shared")]
    [InlineData("""[{"name":"caps","ips":["198.19.64.5/24"],"mac":"c2:11:22:33:44:55","portMappings":[{"hostPort":8080,"containerPort":80}],"default-route":["198.19.64.1"]}]""")]
    [InlineData("on-node, on-node, on-node")]
    public async Task Create_ValidRequest_AllowedWithoutWarnings(string networks)
    {
        var result = await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "good", networks));

        result.Allowed.Should().BeTrue(result.ToString());
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_PodWithoutAnnotations_Allowed()
    {
        var result = await controller.Harness.ReviewPodAsync(Pod("app", "plain", annotations: null));

        result.Allowed.Should().BeTrue();
        result.Response.ContainsKey("status").Should().BeFalse();
    }

    [Fact]
    public async Task Create_Denied_EchoesUidAndApiVersion()
    {
        var review = For("Pod", "CREATE", "app", "p", PodWithNetworks("app", "p", "nope"));

        var result = await controller.Harness.ReviewAsync(review);

        result.Uid.Should().Be((string)review["request"]!["uid"]!);
        ((string)result.Body["apiVersion"]!).Should().Be("admission.k8s.io/v1");
        ((string)result.Body["kind"]!).Should().Be("AdmissionReview");
        result.Code.Should().Be(403);
    }

    [Fact]
    public async Task Create_MissingNetwork_MessageNamesFieldAndFix()
    {
        var result = await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "p", "net-a, nope"));

        result.Allowed.Should().BeFalse();
        result.Reasons.Should().Equal("NetworkNotFound");
        result.Fields.Should().Equal($"metadata.annotations[\"{Networks}\"][1].name");
        result.Message.Should().StartWith("pod \"app/p\": metadata.annotations[\"k8s.v1.cni.cncf.io/networks\"][1].name:")
            .And.Contain("\"app/nope\" does not exist").And.Contain("create it");
    }

    [Fact]
    public async Task Create_SeveralProblems_AllInOneDenial()
    {
        var result = await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "p", "net-a@data0, caps@data0, other/private, net-a@eth0"));

        result.Reasons.Should().Equal("DuplicateInterface", "NamespaceIsolation", "InterfaceReserved");
        result.Message.Should().Contain("3 problems");
    }

    [Fact]
    public async Task Create_CapabilityNotDeclared_Denied()
    {
        var result = await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "p", """[{"name":"net-a","mac":"c2:11:22:33:44:55"}]"""));

        result.Reasons.Should().Equal("CapabilityNotDeclared");
        result.Message.Should().Contain("\"capabilities\": {\"mac\": true}");
    }

    [Fact]
    public async Task Create_GlobalNamespaceNetwork_Allowed()
    {
        (await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "p", "default/shared"))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Create_MulticastMac_AllowedWithWarning()
    {
        var result = await controller.Harness.ReviewPodAsync(PodWithNetworks("app", "p", """[{"name":"caps","mac":"c3:11:22:33:44:55"}]"""));

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().StartWith("pod \"app/p\": ").And.Contain("multicast");
    }

    [Fact]
    public async Task Create_HostNetworkPodWithNetworks_Warning()
    {
        var pod = Pod("app", "p", new Dictionary<string, string> { [Networks] = "net-a" }, hostNetwork: true);

        var result = await controller.Harness.ReviewPodAsync(pod);

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("hostNetwork");
    }

    [Fact]
    public async Task Create_DefaultNetworkOverrideInMultusNamespace_Allowed()
    {
        var pod = Pod("app", "p", new Dictionary<string, string> { ["v1.multus-cni.io/default-network"] = "cluster-b" });

        (await controller.Harness.ReviewPodAsync(pod)).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Create_GenerateNameOnly_MessageNamesPattern()
    {
        var pod = PodWithNetworks("app", "x", "nope");
        var metadata = (System.Text.Json.Nodes.JsonObject)pod["metadata"]!;
        metadata.Remove("name");
        metadata["generateName"] = "web-";

        var result = await controller.Harness.ReviewAsync(For("Pod", "CREATE", "app", "", pod));

        result.Message.Should().StartWith("pod \"app/web-*\"");
    }

    [Theory]
    [InlineData("UPDATE")]
    [InlineData("DELETE")]
    public async Task OtherOperations_NotChecked(string operation)
    {
        var pod = PodWithNetworks("app", "p", "nope");

        (await controller.Harness.ReviewAsync(For("Pod", operation, "app", "p", pod, pod))).Allowed.Should().BeTrue();
    }

    [Fact]
    public async Task Create_NonStringAnnotation_BadRequestVerdict()
    {
        var pod = Pod("app", "p", annotations: null);
        ((System.Text.Json.Nodes.JsonObject)pod["metadata"]!)["annotations"] = new System.Text.Json.Nodes.JsonObject { ["a"] = 5 };

        var result = await controller.Harness.ReviewPodAsync(pod);

        result.Allowed.Should().BeFalse();
        result.Code.Should().Be(400);
    }
}
