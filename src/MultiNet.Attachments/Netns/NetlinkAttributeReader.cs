using System.Runtime.InteropServices;

namespace MultiNet.Attachments.Netns;

/// <summary>Walks a run of rtattr/nlattr entries: <c>while (reader.Next(out var type, out var value))</c>.</summary>
internal ref struct NetlinkAttributeReader
{
    // NLA_F_NESTED and NLA_F_NET_BYTEORDER share the type field with the attribute number.
    private const ushort TypeMask = 0x3fff;

    private ReadOnlySpan<byte> remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        remaining = attributes;
    }

    /// <summary>Moves to the next attribute; false at the end or at a truncated entry.</summary>
    public bool Next(out ushort type, out ReadOnlySpan<byte> value)
    {
        type = 0;
        value = default;
        if (remaining.Length < 4)
        {
            return false;
        }

        var length = MemoryMarshal.Read<ushort>(remaining);
        if (length < 4 || length > remaining.Length)
        {
            remaining = default;
            return false;
        }

        type = (ushort)(MemoryMarshal.Read<ushort>(remaining[2..]) & TypeMask);
        value = remaining[4..length];
        var advance = Math.Min(NetlinkMessageWriter.Align(length), remaining.Length);
        remaining = remaining[advance..];
        return true;
    }

    /// <summary>Reads a 32-bit attribute value in host order.</summary>
    public static uint ReadUInt32(ReadOnlySpan<byte> value) => value.Length >= 4 ? MemoryMarshal.Read<uint>(value) : 0;
}
