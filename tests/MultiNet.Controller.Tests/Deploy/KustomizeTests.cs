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
    private static readonly Lazy<IReadOnlyList<JsonObject>> Rendered = new(() => Render("controller"));

    [Fact]
    public void Render_Objects_AllInKubeSystem()
    {
        Rendered.Value.Select(o => $"{Kind(o)}/{Name(o)}").Should().BeEquivalentTo(
            "ServiceAccount/multinet-controller", "ClusterRole/multinet-controller", "ClusterRoleBinding/multinet-controller",
            "ClusterRole/multinet-controller-webhook-ca", "ClusterRoleBinding/multinet-controller-webhook-ca",
            "Role/multinet-controller", "RoleBinding/multinet-controller", "Role/multinet-controller-certs", "RoleBinding/multinet-controller-certs",
            "Service/multinet-controller", "Deployment/multinet-controller", "PodDisruptionBudget/multinet-controller",
            "ValidatingWebhookConfiguration/multinet-controller", "Lease/multinet-controller", "Secret/multinet-controller-certs");
        foreach (JsonObject o in Rendered.Value.Where(o => Kind(o) is not ("ClusterRole" or "ClusterRoleBinding" or "ValidatingWebhookConfiguration")))
        {
            ((string)o["metadata"]!["namespace"]!).Should().Be("kube-system", Kind(o));
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
            ((string)service["name"]!).Should().Be(Name(Object("Service")), name);
            ((string)service["namespace"]!).Should().Be("kube-system", name);
            ControllerApp.WebhookPaths.Should().Contain((string)service["path"]!, name);
            hook["clientConfig"]!["caBundle"].Should().BeNull("the controller writes it");
            var exclusion = ((JsonArray)hook["namespaceSelector"]!["matchExpressions"]!).Single()!;
            ((string)exclusion["key"]!).Should().Be("kubernetes.io/metadata.name");
            ((string)exclusion["operator"]!).Should().Be("NotIn");
            ((JsonArray)exclusion["values"]!).Select(v => (string)v!).Should().Contain("kube-system");
        }

        Object("ValidatingWebhookConfiguration")["metadata"]!["annotations"]?["cert-manager.io/inject-ca-from"].Should().BeNull();
        FailurePolicy(Rendered.Value, "networkattachmentdefinitions.multinet.io").Should().Be("Fail");
        Operations("networkattachmentdefinitions.multinet.io").Should().BeEquivalentTo("CREATE", "UPDATE", "DELETE");
        FailurePolicy(Rendered.Value, "pods.multinet.io").Should().Be("Ignore");
        Operations("pods.multinet.io").Should().BeEquivalentTo("CREATE");
    }

    [Fact]
    public void Rbac_LeastPrivilege_OwnObjectsByName()
    {
        var defaults = ControllerOptionsParser.Parse([], _ => null);
        Rules(Object("ClusterRole")).Should().BeEquivalentTo(new[]
        {
            ("k8s.cni.cncf.io", "network-attachment-definitions", "", "get,list,watch"),
            ("", "pods", "", "list,watch"),
            ("", "events", "", "create,patch"),
        });
        Rules(Object("ClusterRole", "multinet-controller-webhook-ca")).Should().BeEquivalentTo(new[]
        {
            ("admissionregistration.k8s.io", "validatingwebhookconfigurations", Name(Object("ValidatingWebhookConfiguration")), "get,patch"),
        });
        defaults.Certificates.WebhookConfigurationName.Should().Be(Name(Object("ValidatingWebhookConfiguration")));

        // No create anywhere in kube-system (it cannot be limited by name; on Secrets it could mint a bootstrap token):
        // the Lease and the Secret are shipped, and only the controller's own are read and written, by name.
        Rules(Object("Role")).Should().BeEquivalentTo(new[]
        {
            ("coordination.k8s.io", "leases", defaults.LeaderElection.LeaseName, "get,update,patch"),
        });
        Rules(Object("Role", "multinet-controller-certs")).Should().BeEquivalentTo(new[]
        {
            ("", "secrets", defaults.Certificates.SecretName, "get,update,patch"),
        });
        Rendered.Value.Where(o => Kind(o) is "Role" or "ClusterRole").SelectMany(Rules)
            .Should().NotContain(r => r.Verbs.Split(',').Contains("create") && (r.Resources == "secrets" || r.Resources == "leases"));

        // The shipped objects are what the controller looks for: an empty Secret with its label, a Lease with no holder.
        JsonObject secret = Object("Secret", defaults.Certificates.SecretName);
        ((string)secret["metadata"]!["labels"]![MultiNet.Controller.Certificates.KubernetesSecretStore.ManagedByLabel]!)
            .Should().Be(MultiNet.Controller.Certificates.KubernetesSecretStore.ManagedBy);
        secret["data"].Should().BeNull("the controller fills it");
        Object("Lease", defaults.LeaderElection.LeaseName)["spec"]?["holderIdentity"].Should().BeNull();

        foreach ((string kind, string name, string roleKind) in new[]
        {
            ("ClusterRoleBinding", "multinet-controller", "ClusterRole"), ("ClusterRoleBinding", "multinet-controller-webhook-ca", "ClusterRole"),
            ("RoleBinding", "multinet-controller", "Role"), ("RoleBinding", "multinet-controller-certs", "Role"),
        })
        {
            JsonObject binding = Object(kind, name);
            var subject = binding["subjects"]![0]!;
            ((string)subject["name"]!).Should().Be(Name(Object("ServiceAccount")), name);
            ((string)subject["namespace"]!).Should().Be("kube-system", name);
            ((string)binding["roleRef"]!["kind"]!).Should().Be(roleKind, name);
            Rendered.Value.Should().Contain(o => Kind(o) == roleKind && Name(o) == (string)binding["roleRef"]!["name"]!, name);
        }
    }

    [Fact]
    public void Deployment_TwoReplicasSpreadProbesPdbAndSelfManagedArgs()
    {
        JsonObject deployment = Object("Deployment");
        var spec = deployment["spec"]!["template"]!["spec"]!;
        var container = spec["containers"]![0]!;
        string[] args = [.. ((JsonArray)container["args"]!).Select(a => (string)a!)];

        ControllerOptions options = ControllerOptionsParser.Parse(args, _ => null);

        options.SelfManagedCertificates.Should().BeTrue();
        ((int)deployment["spec"]!["replicas"]!).Should().Be(2);
        ((int)deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]!).Should().Be(0);
        var spread = spec["affinity"]!["podAntiAffinity"]!["preferredDuringSchedulingIgnoredDuringExecution"]![0]!["podAffinityTerm"]!;
        ((string)spread["topologyKey"]!).Should().Be("kubernetes.io/hostname");
        JsonNode.DeepEquals(spread["labelSelector"]!["matchLabels"], deployment["spec"]!["selector"]!["matchLabels"]).Should().BeTrue();
        JsonObject pdb = Object("PodDisruptionBudget");
        ((int)pdb["spec"]!["minAvailable"]!).Should().Be(1);
        JsonNode.DeepEquals(pdb["spec"]!["selector"], deployment["spec"]!["selector"]).Should().BeTrue();

        var env = ((JsonArray)container["env"]!).Single(e => (string)e!["name"]! == ControllerOptionsParser.EnvironmentName("namespace"))!;
        ((string)env["valueFrom"]!["fieldRef"]!["fieldPath"]!).Should().Be("metadata.namespace");
        ((string)spec["serviceAccountName"]!).Should().Be(Name(Object("ServiceAccount")));
        ((int)container["ports"]![0]!["containerPort"]!).Should().Be(options.Port);
        ((string)Object("Service")["spec"]!["ports"]![0]!["targetPort"]!).Should().Be((string)container["ports"]![0]!["name"]!);
        options.Certificates.ServiceName.Should().Be(Name(Object("Service")));
        ((string)container["readinessProbe"]!["httpGet"]!["path"]!).Should().Be("/readyz");
        ((string)container["readinessProbe"]!["httpGet"]!["scheme"]!).Should().Be("HTTPS");
        // Liveness must not need a served certificate (none before the leader filled the Secret): a TCP connect.
        container["livenessProbe"]!["httpGet"].Should().BeNull("an HTTPS probe fails the handshake while no certificate is served");
        ((string)container["livenessProbe"]!["tcpSocket"]!["port"]!).Should().Be((string)container["ports"]![0]!["name"]!);
        ((bool)container["securityContext"]!["readOnlyRootFilesystem"]!).Should().BeTrue();
        ((bool)spec["securityContext"]!["runAsNonRoot"]!).Should().BeTrue();
    }

    [KustomizeComponentsFact]
    public void CertManagerComponent_FilesArgsMountedSecretIssuerChainAndInjectionAgree()
    {
        IReadOnlyList<JsonObject> objects = RenderOverlay("cert-manager");
        JsonObject deployment = Single(objects, "Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        ControllerOptions options = ControllerOptionsParser.Parse([.. ((JsonArray)container["args"]!).Select(a => (string)a!)], _ => null);

        options.SelfManagedCertificates.Should().BeFalse();
        var mount = ((JsonArray)container["volumeMounts"]!).Single(m => (string)m!["name"]! == "tls")!;
        options.CertificateFile.Should().Be($"{(string)mount["mountPath"]!}/tls.crt");
        options.PrivateKeyFile.Should().Be($"{(string)mount["mountPath"]!}/tls.key");
        var volume = ((JsonArray)deployment["spec"]!["template"]!["spec"]!["volumes"]!).Single(v => (string)v!["name"]! == "tls")!;

        JsonObject serving = objects.Single(o => Kind(o) == "Certificate" && o["spec"]!["isCA"] is null);
        ((string)volume["secret"]!["secretName"]!).Should().Be((string)serving["spec"]!["secretName"]!);
        ((JsonArray)serving["spec"]!["dnsNames"]!).Select(n => (string)n!).Should().BeEquivalentTo(
            MultiNet.Controller.Certificates.CertificateRotation.ServiceNames(Name(Single(objects, "Service")), (string)Single(objects, "Service")["metadata"]!["namespace"]!));
        string inject = (string)Single(objects, "ValidatingWebhookConfiguration")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]!;
        inject.Should().Be($"{(string)serving["metadata"]!["namespace"]!}/{Name(serving)}");

        // serving Certificate ← CA Issuer ← CA Certificate's Secret ← self-signed Issuer, all present.
        JsonObject caIssuer = objects.Single(o => Kind(o) == "Issuer" && Name(o) == (string)serving["spec"]!["issuerRef"]!["name"]!);
        JsonObject ca = objects.Single(o => Kind(o) == "Certificate" && (string?)o["spec"]!["secretName"] == (string)caIssuer["spec"]!["ca"]!["secretName"]!);
        ((bool)ca["spec"]!["isCA"]!).Should().BeTrue();
        objects.Single(o => Kind(o) == "Issuer" && Name(o) == (string)ca["spec"]!["issuerRef"]!["name"]!)["spec"]!["selfSigned"].Should().NotBeNull();

        objects.Should().NotContain(o => Name(o) == "multinet-controller-certs" || Name(o) == "multinet-controller-webhook-ca",
            "with cert-manager the controller writes neither its Secret nor the caBundle");
        objects.Should().Contain(o => Kind(o) == "Role" && Name(o) == "multinet-controller", "the Lease is still needed");
    }

    [KustomizeComponentsFact]
    public void NadFailOpenComponent_OnlyNadWebhookBecomesIgnore()
    {
        IReadOnlyList<JsonObject> objects = RenderOverlay("nad-fail-open");

        FailurePolicy(objects, "networkattachmentdefinitions.multinet.io").Should().Be("Ignore");
        FailurePolicy(objects, "pods.multinet.io").Should().Be("Ignore");
        objects.Should().HaveCount(Rendered.Value.Count);
    }

    private static string Kind(JsonObject o) => (string)o["kind"]!;

    private static string Name(JsonObject o) => (string)o["metadata"]!["name"]!;

    private static JsonObject Object(string kind, string name = "multinet-controller") =>
        Rendered.Value.Single(o => Kind(o) == kind && Name(o) == name);

    private static JsonObject Single(IReadOnlyList<JsonObject> objects, string kind) => objects.Single(o => Kind(o) == kind);

    private static IEnumerable<(string Group, string Resources, string Names, string Verbs)> Rules(JsonObject role) =>
        ((JsonArray)role["rules"]!).Select(r => (
            (string)r!["apiGroups"]![0]!,
            string.Join(",", ((JsonArray)r["resources"]!).Select(x => (string)x!)),
            r["resourceNames"] is JsonArray names ? string.Join(",", names.Select(x => (string)x!)) : "",
            string.Join(",", ((JsonArray)r["verbs"]!).Select(x => (string)x!))));

    private static string FailurePolicy(IReadOnlyList<JsonObject> objects, string hook) =>
        (string)((JsonArray)Single(objects, "ValidatingWebhookConfiguration")["webhooks"]!).Single(h => (string)h!["name"]! == hook)!["failurePolicy"]!;

    private static IEnumerable<string> Operations(string hook) =>
        ((JsonArray)((JsonArray)Object("ValidatingWebhookConfiguration")["webhooks"]!).Single(h => (string)h!["name"]! == hook)!["rules"]![0]!["operations"]!)
            .Select(o => (string)o!);

    // An overlay as a user writes it: deploy/controller plus one component (kustomize refuses absolute paths).
    private static IReadOnlyList<JsonObject> RenderOverlay(string component)
    {
        string overlay = Directory.CreateTempSubdirectory("multinet-overlay-").FullName;
        try
        {
            string controller = Path.GetRelativePath(overlay, Path.Combine(RepoLayout.Root, "deploy", "controller"));
            File.WriteAllText(Path.Combine(overlay, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - {controller}
                components:
                - {controller}/{component}

                """);
            return Kustomize(overlay);
        }
        finally
        {
            Directory.Delete(overlay, recursive: true);
        }
    }

    private static IReadOnlyList<JsonObject> Render(string folder) => Kustomize(Path.Combine(RepoLayout.Root, "deploy", folder));

    private static IReadOnlyList<JsonObject> Kustomize(string folder)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"kubectl kustomize {folder} failed: {stderr}");
        return YamlJson.Documents(stdout.Result);
    }
}
