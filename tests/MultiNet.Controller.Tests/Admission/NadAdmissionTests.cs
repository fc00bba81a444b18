using FluentAssertions;
using MultiNet.Controller.Tests.Support;
using static MultiNet.Controller.Tests.Support.AdmissionReviews;

namespace MultiNet.Controller.Tests.Admission;

public class NadAdmissionTests(SeededController controller) : IClassFixture<SeededController>
{
    [Theory]
    [InlineData("CREATE")]
    [InlineData("UPDATE")]
    public async Task Write_ValidNad_Allowed(string operation)
    {
        var nad = Nad("app", "fresh", SeededController.Bridge);

        var result = await controller.Harness.ReviewNadAsync(operation, nad, operation == "UPDATE" ? nad : null);

        result.Allowed.Should().BeTrue(result.ToString());
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_EmptyConfig_AllowedWithWarning()
    {
        var result = await controller.Harness.ReviewNadAsync("CREATE", Nad("app", "node-file", config: null));

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("spec.config").And.Contain("confDir");
    }

    [Fact]
    public async Task Create_ConfigNameDiffers_AllowedWithWarning()
    {
        var result = await controller.Harness.ReviewNadAsync("CREATE", Nad("app", "net-x", """{"cniVersion":"1.0.0","name":"other","type":"bridge"}"""));

        result.Allowed.Should().BeTrue();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("spec.config.name");
    }

    [Fact]
    public async Task Create_PluginWithoutType_DeniedNamingPlugin()
    {
        var result = await controller.Harness.ReviewNadAsync("CREATE",
            Nad("app", "bad", """{"cniVersion":"1.0.0","name":"bad","plugins":[{"type":"bridge"},{"mtu":1400}]}"""));

        result.Allowed.Should().BeFalse();
        result.Code.Should().Be(403);
        result.Reasons.Should().Equal("MissingType");
        result.Fields.Should().Equal("spec.config.plugins[1].type");
        result.Message.Should().Be(
            "network attachment definition \"app/bad\": spec.config.plugins[1].type: is missing: every plugin of a conflist needs \"type\" (the CNI plugin binary, e.g. \"bridge\") [MissingType]");
    }

    [Fact]
    public async Task Update_InvalidChange_Denied()
    {
        var old = Nad("app", "net-a", SeededController.Bridge);
        var result = await controller.Harness.ReviewNadAsync("UPDATE", Nad("app", "net-a", """{"cniVersion":"0.9.9","type":"bridge"}"""), old);

        result.Reasons.Should().Equal("UnsupportedCniVersion");
    }

    [Fact]
    public async Task Create_SpecConfigNotAString_BadRequestVerdict()
    {
        var nad = Nad("app", "obj", config: null);
        nad["spec"] = new System.Text.Json.Nodes.JsonObject { ["config"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "bridge" } };

        var result = await controller.Harness.ReviewNadAsync("CREATE", nad);

        result.Allowed.Should().BeFalse();
        result.Code.Should().Be(400);
        result.Message.Should().Contain("spec.config");
    }

    [Fact]
    public async Task Delete_UnusedNad_Allowed()
    {
        (await controller.Harness.ReviewNadAsync("DELETE", null, Nad("app", "on-node", null))).Allowed.Should().BeTrue();
    }
}
