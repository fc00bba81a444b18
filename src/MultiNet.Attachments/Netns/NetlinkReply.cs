namespace MultiNet.Attachments.Netns;

/// <summary>What the kernel answered to one request: the data messages, then the error code of the ACK or DONE (0 on success).</summary>
internal sealed record NetlinkReply(int Error, string? ExtendedMessage, IReadOnlyList<NetlinkReplyMessage> Messages, bool Interrupted)
{
    /// <summary>"file exists (EEXIST): the kernel's extended ack text", or "ok".</summary>
    public string DescribeError()
    {
        if (Error == 0)
        {
            return "ok";
        }

        var text = Errno.Describe(Error);
        return string.IsNullOrEmpty(ExtendedMessage) ? text : $"{text}: {ExtendedMessage.ToLowerInvariant()}";
    }
}
