using MultiNet.Attachments.Planning;
using MultiNet.Cni.Results;

namespace MultiNet.Attachments.Checkpoints;

/// <summary>A plan and, per attachment, the result of its ADD once it succeeded (null before, or when it never ran).</summary>
public sealed class Checkpoint
{
    /// <summary>Creates a checkpoint for a plan with no results yet.</summary>
    public Checkpoint(AttachmentPlan plan, IReadOnlyList<CniResult?>? results = null)
    {
        Plan = plan;
        Results = results is null ? new CniResult?[plan.Attachments.Count] : [.. results];
        if (Results.Length != plan.Attachments.Count)
        {
            throw new ArgumentException("one result slot per attachment is required", nameof(results));
        }
    }

    /// <summary>The plan.</summary>
    public AttachmentPlan Plan { get; }

    /// <summary>Results by attachment position.</summary>
    public CniResult?[] Results { get; }
}
