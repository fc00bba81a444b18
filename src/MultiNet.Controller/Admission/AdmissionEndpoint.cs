using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Logging;
using MultiNet.Controller.Metrics;

namespace MultiNet.Controller.Admission;

/// <summary>
/// The HTTP side of the webhooks: reads the AdmissionReview, hands it to the NAD or pod admission by kind, answers
/// with the uid echoed, counts and times it. A body that is not an AdmissionReview gets 400 and a message.
/// </summary>
internal sealed class AdmissionEndpoint(NadAdmission nads, PodAdmission pods, ControllerMetrics metrics, ILogger<AdmissionEndpoint> logger)
{
    /// <summary>Largest body read; the API server caps objects at 3 MiB, a review holds two.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>Answers one POST.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long started = Stopwatch.GetTimestamp();
        AdmissionRequest request;
        try
        {
            ReadOnlyMemory<byte> body = await ReadBodyAsync(context.Request, context.RequestAborted);
            request = AdmissionReviewReader.Read(body);
        }
        catch (MalformedReviewException e)
        {
            metrics.MalformedReviews.Inc();
            logger.MalformedReview(context.Connection.RemoteIpAddress?.ToString(), e.Message);
            await WriteBadRequestAsync(context, e.Message);
            return;
        }

        string kind = request.Kind switch
        {
            "Pod" => "pod",
            "NetworkAttachmentDefinition" => "nad",
            _ => "other",
        };
        AdmissionVerdict verdict = kind switch
        {
            "pod" => await pods.ReviewAsync(request, context.RequestAborted),
            "nad" => nads.Review(request),
            _ => AdmissionVerdict.Allow,
        };

        byte[] response = AdmissionReviewWriter.Write(request, verdict);
        Record(request, kind, verdict, Stopwatch.GetElapsedTime(started));
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(response, context.RequestAborted);
    }

    private void Record(AdmissionRequest request, string kind, AdmissionVerdict verdict, TimeSpan elapsed)
    {
        metrics.Admissions.Inc(kind, request.Operation, verdict.Allowed ? "true" : "false");
        metrics.Latency.Observe(elapsed.TotalSeconds, kind);
        foreach (string reason in verdict.Reasons.Distinct(StringComparer.Ordinal))
        {
            metrics.Denials.Inc(kind, reason);
        }

        foreach (string reason in verdict.WarningReasons.Distinct(StringComparer.Ordinal))
        {
            metrics.Warnings.Inc(kind, reason);
        }

        if (!verdict.Allowed)
        {
            logger.Denied(kind, request.Operation, request.Namespace, request.Name, verdict.Reason ?? "");
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new MalformedReviewException($"the request body is larger than {MaxBodyBytes} bytes");
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 16 * 1024);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new MalformedReviewException($"the request body is larger than {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task WriteBadRequestAsync(HttpContext context, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "v1");
            writer.WriteString("kind", "Status");
            writer.WriteString("status", "Failure");
            writer.WriteNumber("code", 400);
            writer.WriteString("reason", "BadRequest");
            writer.WriteString("message", $"multinet-controller: {message}");
            writer.WriteEndObject();
        }

        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
