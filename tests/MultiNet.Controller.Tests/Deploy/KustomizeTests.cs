using System.Diagnostics;
using System.Text.Json.Nodes;
using FluentAssertions;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Serving;
using MultiNet.Controller.Tests.Corpus;
using MultiNet.Testing.Node;

namespace MultiNet.Controller.Tests.Deploy;

public class KustomizeTests
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> Rendered = new(Render);

    [Fact]
    public void Render_Objects_OnePerKindInKubeSystem()
    {
        Rendered.Value.Select(o => (string)o["kind"]!).Should().BeEquivalentTo(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Service", "Deployment", "ValidatingWebhookConfiguration");
        foreach (string kind in new[] { "ServiceAccount", "Service", "Deployment" })
        {
            ((string)Object(kind)["metadata"]!["namespace"]!).Should().Be("kube-system", kind);
        }
    }

    [Fact]
    public void Webhooks_ExplicitPolicyTimeoutSideEffectsAndKubeSystemLeftAlone()
    {
        var webhooks = (JsonArray)Object("ValidatingWebhookConfiguration")["webhooks"]!;
        webhooks.Should().HaveCount(2);
        foreach (JsonNode? hook in webhooks)
        {
            string name = (string)hook!["name"]!;
            ((string)hook["sideEffects"]!).Should().Be("None", name);
            ((int)hook["timeoutSeconds"]!).Should().BeInRange(1, 10, name);
            ((JsonArray)hook["admissionReviewVersions"]!).Select(v => (string)v!).Should().Contain("v1", name);
            var service = hook["clientConfig"]!["service"]!;
            ((string)service["name"]!).Should().Be((string)Object("Service")["metadata"]!["name"]!, name);
            ((string)service["namespace"]!).Should().Be("kube-system", name);
            ControllerApp.WebhookPaths.Should().Contain((string)service["path"]!, name);
            var exclusion = ((JsonArray)hook["namespaceSelector"]!["matchExpressions"]!).Single()!;
            ((string)exclusion["key"]!).Should().Be("kubernetes.io/metadata.name");
            ((string)exclusion["operator"]!).Should().Be("NotIn");
            ((JsonArray)exclusion["values"]!).Select(v => (string)v!).Should().Contain("kube-system");
        }

        Hook("networkattachmentdefinitions.multinet.io")["failurePolicy"]!.GetValue<string>().Should().Be("Fail");
        Operations("networkattachmentdefinitions.multinet.io").Should().BeEquivalentTo("CREATE", "UPDATE", "DELETE");
        Hook("pods.multinet.io")["failurePolicy"]!.GetValue<string>().Should().Be("Ignore");
        Operations("pods.multinet.io").Should().BeEquivalentTo("CREATE");
    }

    [Fact]
    public void Rbac_LeastPrivilege()
    {
        var rules = ((JsonArray)Object("ClusterRole")["rules"]!).Select(r => (
            Group: (string)r!["apiGroups"]![0]!,
            Resources: string.Join(",", ((JsonArray)r["resources"]!).Select(x => (string)x!)),
            Verbs: string.Join(",", ((JsonArray)r["verbs"]!).Select(x => (string)x!)))).ToList();

        rules.Should().BeEquivalentTo(new[]
        {
            (Group: "k8s.cni.cncf.io", Resources: "network-attachment-definitions", Verbs: "get,list,watch"),
            (Group: "", Resources: "pods", Verbs: "list,watch"),
            (Group: "", Resources: "events", Verbs: "create,patch"),
        });
        var subject = Object("ClusterRoleBinding")["subjects"]![0]!;
        ((string)subject["name"]!).Should().Be((string)Object("ServiceAccount")["metadata"]!["name"]!);
        ((string)subject["namespace"]!).Should().Be("kube-system");
        ((string)Object("ClusterRoleBinding")["roleRef"]!["name"]!).Should().Be((string)Object("ClusterRole")["metadata"]!["name"]!);
    }

    [Fact]
    public void Deployment_ArgsParseAndMatchPortsProbesAndSecret()
    {
        var spec = Object("Deployment")["spec"]!["template"]!["spec"]!;
        var container = spec["containers"]![0]!;
        string[] args = [.. ((JsonArray)container["args"]!).Select(a => (string)a!)];

        ControllerOptions options = ControllerOptionsParser.Parse(args, _ => null);

        ((string)spec["serviceAccountName"]!).Should().Be((string)Object("ServiceAccount")["metadata"]!["name"]!);
        ((int)container["ports"]![0]!["containerPort"]!).Should().Be(options.Port);
        ((string)Object("Service")["spec"]!["ports"]![0]!["targetPort"]!).Should().Be((string)container["ports"]![0]!["name"]!);
        ((string)container["readinessProbe"]!["httpGet"]!["path"]!).Should().Be("/readyz");
        ((string)container["readinessProbe"]!["httpGet"]!["scheme"]!).Should().Be("HTTPS");
        ((string)container["livenessProbe"]!["httpGet"]!["path"]!).Should().Be("/healthz");
        string mount = (string)container["volumeMounts"]![0]!["mountPath"]!;
        options.CertificateFile.Should().Be($"{mount}/tls.crt");
        options.PrivateKeyFile.Should().Be($"{mount}/tls.key");
        ((bool)container["securityContext"]!["readOnlyRootFilesystem"]!).Should().BeTrue();
        ((bool)spec["securityContext"]!["runAsNonRoot"]!).Should().BeTrue();
    }

    private static JsonObject Object(string kind) => Rendered.Value.Single(o => (string)o["kind"]! == kind);

    private static JsonNode Hook(string name) =>
        ((JsonArray)Object("ValidatingWebhookConfiguration")["webhooks"]!).Single(h => (string)h!["name"]! == name)!;

    private static IEnumerable<string> Operations(string hook) =>
        ((JsonArray)Hook(hook)["rules"]![0]!["operations"]!).Select(o => (string)o!);

    private static IReadOnlyList<JsonObject> Render()
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", Path.Combine(RepoLayout.Root, "deploy", "controller")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"kubectl kustomize deploy/controller failed: {stderr}");
        return YamlJson.Documents(stdout.Result);
    }
}
