using System.Net;
using System.Text.Json.Nodes;

namespace MultiNet.Controller.Tests.Support;

/// <summary>What the controller answered to one AdmissionReview.</summary>
internal sealed record ReviewResult(HttpStatusCode Status, JsonObject Body)
{
    public JsonObject Response => (JsonObject)Body["response"]!;

    public bool Allowed => (bool)Response["allowed"]!;

    public string Uid => (string)Response["uid"]!;

    public int? Code => (int?)Response["status"]?["code"];

    public string Message => (string?)Response["status"]?["message"] ?? "";

    public IReadOnlyList<string> Reasons =>
        Response["status"]?["details"]?["causes"] is JsonArray causes ? [.. causes.Select(c => (string)c!["reason"]!)] : [];

    public IReadOnlyList<string> Fields =>
        Response["status"]?["details"]?["causes"] is JsonArray causes ? [.. causes.Select(c => (string)c!["field"]!)] : [];

    public IReadOnlyList<string> Warnings =>
        Response["warnings"] is JsonArray warnings ? [.. warnings.Select(w => (string)w!)] : [];

    public override string ToString() => Body.ToJsonString();
}
