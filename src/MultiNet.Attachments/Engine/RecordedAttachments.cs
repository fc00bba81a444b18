using MultiNet.Attachments.Checkpoints;

namespace MultiNet.Attachments.Engine;

/// <summary>A container's attachments to tear down and how to forget them once they are gone (Multus's files, or our checkpoint).</summary>
internal sealed record RecordedAttachments(Checkpoint Checkpoint, Action Forget);
