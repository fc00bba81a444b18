using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MultiNet.Testing.ApiServer;

/// <summary>Writes JSON answers the way kube-apiserver sends them.</summary>
internal static class JsonResponse
{
    public static async Task WriteAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString() + "\n", context.RequestAborted);
    }

    public static Task WriteStatusAsync(HttpContext context, JsonObject status) =>
        WriteAsync(context, (int?)status["code"] ?? 500, status);
}
