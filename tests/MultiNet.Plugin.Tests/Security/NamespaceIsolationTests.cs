using FluentAssertions;
using MultiNet.Plugin.Tests.Faults;
using MultiNet.Testing;
using Xunit;

namespace MultiNet.Plugin.Tests.Security;

/// <summary>
/// With namespaceIsolation on, a pod in team-a cannot reach the NAD other/shared however it spells the reference: the
/// request is refused (106, or 101 when the spelling is not even valid) before the NAD is fetched, and nothing is attached.
/// </summary>
public sealed class NamespaceIsolationTests
{
    private const string Networks = "k8s.v1.cni.cncf.io/networks";

    public static TheoryData<string, string> Spellings() => new()
    {
        { Networks, "other/shared" },
        { Networks, " other/shared " },
        { Networks, "other/shared@data0" },
        { Networks, "OTHER/shared" },
        { Networks, "Other/Shared" },
        { Networks, """[{"name": "shared", "namespace": "other"}]""" },
        { Networks, """[{"namespace": "other", "name": "shared", "interface": "data0"}]""" },
        { Networks, """[{"name": "other/shared"}]""" },
        { Networks, """[{"name": "shared", "namespace": " other"}]""" },
        { Networks, """[{"name": "shared", "namespace": "OTHER"}]""" },
        { Networks, """[{"name": "shared", "namespace": "team-a", "namespace": "other"}]""" },
        { Networks, "default/ok, other/shared" },
        { "v1.multus-cni.io/default-network", "other/shared" },
        { "v1.multus-cni.io/default-network", """[{"name": "shared", "namespace": "other"}]""" },
        { "multinet.io/default-network", "other/shared" },
    };

    [RootTheory]
    [MemberData(nameof(Spellings))]
    public async Task Add_IsolatedPodSelectsAnotherNamespacesNad_IsRefusedBeforeTheLookup(string annotation, string value)
    {
        await using var h = await SecurityHarness.StartAsync();
        h.ConfigOverrides["namespaceIsolation"] = true;
        h.AddNad("shared", h.Macvlan("198.18.177.0/24"), ns: "other");
        h.AddNad("ok", h.Macvlan("198.18.178.0/24"), ns: "default");
        h.Api.AddPod(h.PodNamespace, h.PodName, new Dictionary<string, string> { [annotation] = value }, "node-1");

        var add = await h.RunAsync("ADD");

        var context = FaultAssertions.Context(h, add);
        add.ExitCode.Should().NotBe(0, context);
        var code = add.Json["code"]!.GetValue<int>();
        code.Should().BeOneOf([101, 106], context);
        if (code == 106)
        {
            add.Json["msg"]!.GetValue<string>().Should().Contain("other/shared");
        }

        h.Api.Requests.Should().NotContain(r => r.Path.Contains("/namespaces/other/", StringComparison.Ordinal),
            "an isolated pod learns nothing about another namespace's NADs, not even whether they exist");
        h.Node.AssertNothingLeaked();
    }
}
