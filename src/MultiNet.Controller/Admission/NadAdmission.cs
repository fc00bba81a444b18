using System.Text.Json.Nodes;
using MultiNet.Cni.Protocol;
using MultiNet.Controller.Caches;
using MultiNet.Controller.Configuration;
using MultiNet.NetworkPlumbing.Admission;
using MultiNet.NetworkPlumbing.Definitions;

namespace MultiNet.Controller.Admission;

/// <summary>
/// NetworkAttachmentDefinition CREATE and UPDATE go through <see cref="NadRules"/>; DELETE is denied while active pods
/// name the NAD (the "in use" rule), unless the NAD carries <c>multinet.io/allow-delete-in-use: "true"</c>.
/// </summary>
internal sealed class NadAdmission(PodCache pods, ControllerOptions options)
{
    /// <summary>Decides one review of a NAD.</summary>
    public AdmissionVerdict Review(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Operation switch
        {
            "CREATE" or "UPDATE" => ReviewWrite(request),
            "DELETE" => ReviewDelete(request),
            _ => AdmissionVerdict.Allow,
        };
    }

    private AdmissionVerdict ReviewWrite(AdmissionRequest request)
    {
        string subject = $"network attachment definition \"{request.Namespace}/{request.Name}\"";
        if (request.Object is not { } obj)
        {
            return Invalid(subject, "the review carries no object");
        }

        NetworkAttachmentDefinition nad;
        try
        {
            nad = NetworkAttachmentDefinitionJson.FromJson(obj, request.Namespace.Length > 0 ? request.Namespace : "default");
        }
        catch (CniException e)
        {
            return Invalid(subject, e.Message);
        }

        subject = $"network attachment definition \"{nad.Namespace}/{nad.Name}\"";
        AdmissionVerdict verdict = VerdictBuilder.From(subject, NadRules.Validate(nad));
        if (verdict.Allowed && request.Operation == "UPDATE" && ConfigChanged(request) && pods.ActiveUsersOf(new NadKey(nad.Namespace, nad.Name)) is { Count: > 0 } users)
        {
            verdict = VerdictBuilder.WithWarnings(verdict, subject,
            [
                new RuleFinding(RuleSeverity.Warning, "spec.config", ControllerReasons.InUseNetworkChanged,
                    $"{PodList.Describe(users, options.MaxListedPods)} {PodList.Verb(users, "uses", "use")} this network and keep their current attachments; the change applies to pods created from now on"),
            ]);
        }

        return verdict;
    }

    private AdmissionVerdict ReviewDelete(AdmissionRequest request)
    {
        var key = new NadKey(request.Namespace, request.Name);
        IReadOnlyList<PodRecord> users = pods.ActiveUsersOf(key);
        if (users.Count == 0)
        {
            return AdmissionVerdict.Allow;
        }

        string subject = $"network attachment definition \"{key}\"";
        string listed = PodList.Describe(users, options.MaxListedPods);
        if ((string?)request.OldObject?["metadata"]?["annotations"]?[ControllerReasons.AllowDeleteInUseAnnotation] == "true")
        {
            return VerdictBuilder.WithWarnings(AdmissionVerdict.Allow, subject,
            [
                new RuleFinding(RuleSeverity.Warning, "metadata.name", ControllerReasons.InUseNetworkForceDeleted,
                    $"deleted although {listed} {PodList.Verb(users, "uses", "use")} it ({ControllerReasons.AllowDeleteInUseAnnotation}); they keep their interfaces, new pods naming it will fail"),
            ]);
        }

        return VerdictBuilder.From(subject,
        [
            new RuleFinding(RuleSeverity.Error, "metadata.name", RuleReasons.NetworkInUse,
                $"cannot be deleted while {listed} {PodList.Verb(users, "uses", "use")} it; delete those pods (or remove the network from their annotations) first, " +
                $"or annotate the NAD {ControllerReasons.AllowDeleteInUseAnnotation}=\"true\" to delete it anyway"),
        ]);
    }

    private static bool ConfigChanged(AdmissionRequest request) =>
        !JsonNode.DeepEquals(request.Object?["spec"], request.OldObject?["spec"]);

    private static AdmissionVerdict Invalid(string subject, string problem) => new()
    {
        Allowed = false,
        Code = 400,
        Reason = ControllerReasons.InvalidObject,
        Reasons = [ControllerReasons.InvalidObject],
        Message = $"{subject}: {problem}",
    };
}
