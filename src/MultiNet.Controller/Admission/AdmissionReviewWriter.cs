using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultiNet.Controller.Admission;

/// <summary>Writes the AdmissionReview response: the request's uid, allowed, status on denial, warnings.</summary>
internal static class AdmissionReviewWriter
{
    /// <summary>The response body for <paramref name="request"/>.</summary>
    public static byte[] Write(AdmissionRequest request, AdmissionVerdict verdict)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", request.ApiVersion);
            w.WriteString("kind", "AdmissionReview");
            w.WriteStartObject("response");
            w.WriteString("uid", request.Uid);
            w.WriteBoolean("allowed", verdict.Allowed);
            if (!verdict.Allowed)
            {
                w.WriteStartObject("status");
                w.WriteNumber("code", verdict.Code);
                w.WriteString("status", "Failure");
                w.WriteString("reason", verdict.Code == 400 ? "BadRequest" : "Forbidden");
                w.WriteString("message", verdict.Message);
                WriteCauses(w, verdict);
                w.WriteEndObject();
            }

            if (verdict.Warnings.Count > 0)
            {
                w.WriteStartArray("warnings");
                foreach (string warning in verdict.Warnings)
                {
                    w.WriteStringValue(warning);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // status.details.causes: one per error, machine-readable (reason code, field path, message).
    private static void WriteCauses(Utf8JsonWriter w, AdmissionVerdict verdict)
    {
        if (verdict.Causes.Count == 0)
        {
            return;
        }

        w.WriteStartObject("details");
        w.WriteStartArray("causes");
        foreach (var cause in verdict.Causes)
        {
            w.WriteStartObject();
            w.WriteString("reason", cause.Reason);
            w.WriteString("field", cause.Field);
            w.WriteString("message", cause.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
