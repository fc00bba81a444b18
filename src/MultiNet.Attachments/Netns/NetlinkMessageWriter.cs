using System.Runtime.InteropServices;
using System.Text;

namespace MultiNet.Attachments.Netns;

/// <summary>Builds one netlink request: header, family header (ifinfomsg, rtmsg) and 4-byte aligned attributes.</summary>
/// <remarks>Netlink speaks host byte order, hence <see cref="MemoryMarshal"/> writes rather than fixed-endian ones.</remarks>
internal sealed class NetlinkMessageWriter
{
    internal const int HeaderSize = 16;
    private const int AttributeHeaderSize = 4;

    private byte[] buffer = new byte[256];
    private int length = HeaderSize;

    public NetlinkMessageWriter(ushort type, ushort flags)
    {
        Type = type;
        Flags = flags;
    }

    /// <summary>The message type (RTM_*).</summary>
    public ushort Type { get; }

    /// <summary>The NLM_F_* flags.</summary>
    public ushort Flags { get; }

    /// <summary>Appends <paramref name="size"/> zeroed bytes for a fixed family header and returns them to fill in.</summary>
    public Span<byte> AppendFixed(int size) => Reserve(Align(size)).Slice(0, size);

    /// <summary>Appends an attribute carrying raw bytes.</summary>
    public void AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        var total = AttributeHeaderSize + value.Length;
        var span = Reserve(Align(total));
        MemoryMarshal.Write(span, (ushort)total);
        MemoryMarshal.Write(span[2..], type);
        value.CopyTo(span[AttributeHeaderSize..]);
    }

    /// <summary>Appends a 32-bit attribute.</summary>
    public void AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        MemoryMarshal.Write(bytes, value);
        AddAttribute(type, bytes);
    }

    /// <summary>Appends a NUL-terminated string attribute.</summary>
    public void AddString(ushort type, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        AddAttribute(type, bytes);
    }

    /// <summary>Writes the header with <paramref name="sequence"/> and returns the whole message.</summary>
    public ReadOnlySpan<byte> Finish(uint sequence)
    {
        var span = buffer.AsSpan(0, length);
        MemoryMarshal.Write(span, (uint)length);
        MemoryMarshal.Write(span[4..], Type);
        MemoryMarshal.Write(span[6..], Flags);
        MemoryMarshal.Write(span[8..], sequence);
        MemoryMarshal.Write(span[12..], 0u);
        return span;
    }

    internal static int Align(int size) => (size + 3) & ~3;

    private Span<byte> Reserve(int size)
    {
        if (length + size > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + size));
        }

        var span = buffer.AsSpan(length, size);
        span.Clear();
        length += size;
        return span;
    }
}
