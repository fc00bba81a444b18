using System.Text;
using MultiNet.NetworkPlumbing.Admission;

namespace MultiNet.Controller.Admission;

/// <summary>Turns rule findings into a verdict: errors deny (all of them in the message), warnings become admission warnings.</summary>
internal static class VerdictBuilder
{
    // The API server truncates longer warnings; kubectl prints each on its own line.
    private const int MaxWarningLength = 256;
    private const int MaxErrorsInMessage = 8;

    /// <summary>The verdict for <paramref name="findings"/> about <paramref name="subject"/> (e.g. <c>pod "ns/name"</c>).</summary>
    public static AdmissionVerdict From(string subject, IReadOnlyList<RuleFinding> findings)
    {
        List<RuleFinding> errors = [.. findings.Where(f => f.IsError)];
        List<RuleFinding> warnings = [.. findings.Where(f => !f.IsError)];
        return new AdmissionVerdict
        {
            Allowed = errors.Count == 0,
            Code = errors.Count == 0 ? 200 : 403,
            Reason = errors.FirstOrDefault()?.Reason,
            Reasons = [.. errors.Select(e => e.Reason)],
            Causes = errors,
            Message = errors.Count == 0 ? null : DenialMessage(subject, errors),
            Warnings = [.. warnings.Select(w => Truncate($"{subject}: {w.Field}: {w.Message}", MaxWarningLength))],
            WarningReasons = [.. warnings.Select(w => w.Reason)],
        };
    }

    /// <summary>Adds warnings to a verdict.</summary>
    public static AdmissionVerdict WithWarnings(AdmissionVerdict verdict, string subject, IReadOnlyList<RuleFinding> warnings) =>
        warnings.Count == 0
            ? verdict
            : verdict with
            {
                Warnings = [.. verdict.Warnings, .. warnings.Select(w => Truncate($"{subject}: {w.Field}: {w.Message}", MaxWarningLength))],
                WarningReasons = [.. verdict.WarningReasons, .. warnings.Select(w => w.Reason)],
            };

    private static string DenialMessage(string subject, List<RuleFinding> errors)
    {
        var sb = new StringBuilder(subject).Append(errors.Count == 1 ? ": " : $": {errors.Count} problems: ");
        for (int i = 0; i < Math.Min(errors.Count, MaxErrorsInMessage); i++)
        {
            sb.Append(i == 0 ? "" : "; ").Append(errors[i].Field).Append(": ").Append(errors[i].Message).Append(" [").Append(errors[i].Reason).Append(']');
        }

        if (errors.Count > MaxErrorsInMessage)
        {
            sb.Append("; and ").Append(errors.Count - MaxErrorsInMessage).Append(" more");
        }

        return sb.ToString();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 3)] + "...";
}
