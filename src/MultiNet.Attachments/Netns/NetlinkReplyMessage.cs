namespace MultiNet.Attachments.Netns;

/// <summary>One data message of a reply: its type (RTM_NEW*) and its payload after the netlink header.</summary>
internal readonly record struct NetlinkReplyMessage(ushort Type, byte[] Payload);
