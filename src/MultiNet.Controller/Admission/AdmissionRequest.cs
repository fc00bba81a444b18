using System.Text.Json.Nodes;

namespace MultiNet.Controller.Admission;

/// <summary>The parts of an admission.k8s.io/v1 AdmissionReview request the webhooks use.</summary>
internal sealed record AdmissionRequest
{
    /// <summary>The review's apiVersion, echoed in the response.</summary>
    public required string ApiVersion { get; init; }

    /// <summary><c>request.uid</c>, echoed in the response.</summary>
    public required string Uid { get; init; }

    /// <summary><c>request.kind.kind</c>, e.g. Pod or NetworkAttachmentDefinition.</summary>
    public required string Kind { get; init; }

    /// <summary><c>request.operation</c>: CREATE, UPDATE, DELETE or CONNECT.</summary>
    public required string Operation { get; init; }

    /// <summary><c>request.namespace</c>.</summary>
    public string Namespace { get; init; } = "";

    /// <summary><c>request.name</c> (empty for a pod created with generateName).</summary>
    public string Name { get; init; } = "";

    /// <summary><c>request.object</c>: the new object (null for DELETE).</summary>
    public JsonObject? Object { get; init; }

    /// <summary><c>request.oldObject</c>: the object before an UPDATE or DELETE.</summary>
    public JsonObject? OldObject { get; init; }
}
