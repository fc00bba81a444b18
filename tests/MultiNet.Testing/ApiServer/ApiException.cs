using System.Text.Json.Nodes;

namespace MultiNet.Testing.ApiServer;

/// <summary>An error the stand-in answers with a <c>Status</c> body.</summary>
internal sealed class ApiException(JsonObject status) : Exception((string?)status["message"])
{
    public JsonObject Status { get; } = status;

    public int Code => (int?)Status["code"] ?? 500;

    public static ApiException Of(int code, string message) =>
        new(StatusBody.Failure(code, StatusBody.ReasonFor(code), message));
}
