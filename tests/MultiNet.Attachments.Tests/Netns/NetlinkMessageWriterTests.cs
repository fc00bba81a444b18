using System.Runtime.InteropServices;
using FluentAssertions;
using MultiNet.Attachments.Netns;
using Xunit;

namespace MultiNet.Attachments.Tests.Netns;

public sealed class NetlinkMessageWriterTests
{
    [Fact]
    public void Finish_HeaderAndAttributes_AlignedToFourBytes()
    {
        var writer = new NetlinkMessageWriter(type: 18, flags: 5);
        writer.AppendFixed(16)[4] = 7;
        writer.AddString(3, "net1");          // 4 + 5 bytes → padded to 12
        writer.AddUInt32(29, 8);

        var message = writer.Finish(sequence: 42).ToArray();

        message.Should().HaveCount(16 + 16 + 12 + 8);
        MemoryMarshal.Read<uint>(message).Should().Be((uint)message.Length);
        MemoryMarshal.Read<ushort>(message.AsSpan(4)).Should().Be(18);
        MemoryMarshal.Read<ushort>(message.AsSpan(6)).Should().Be(5);
        MemoryMarshal.Read<uint>(message.AsSpan(8)).Should().Be(42);
        message[20].Should().Be(7);
        MemoryMarshal.Read<ushort>(message.AsSpan(32)).Should().Be(9, "the attribute length excludes padding");
        message.AsSpan(36, 5).ToArray().Should().Equal((byte)'n', (byte)'e', (byte)'t', (byte)'1', 0);
        MemoryMarshal.Read<uint>(message.AsSpan(48)).Should().Be(8);
    }

    [Fact]
    public void AttributeReader_WrittenAttributes_ReadBackInOrder()
    {
        var writer = new NetlinkMessageWriter(type: 24, flags: 1);
        writer.AddAttribute(5, [10, 0, 0, 1]);
        writer.AddString(3, "x");
        writer.AddUInt32(4 | 0x8000, 3);   // NLA_F_NESTED set: masked off on read
        var attributes = writer.Finish(1).ToArray()[16..];

        var reader = new NetlinkAttributeReader(attributes);
        var seen = new List<(ushort, byte[])>();
        while (reader.Next(out var type, out var value))
        {
            seen.Add((type, value.ToArray()));
        }

        seen.Select(s => s.Item1).Should().Equal(5, 3, 4);
        seen[0].Item2.Should().Equal(10, 0, 0, 1);
        NetlinkAttributeReader.ReadUInt32(seen[2].Item2).Should().Be(3);
    }

    [Fact]
    public void AttributeReader_TruncatedAttribute_Stops()
    {
        byte[] attributes = [8, 0, 1, 0, 1, 2, 3, 4, 40, 0, 2, 0, 9];

        var reader = new NetlinkAttributeReader(attributes);

        reader.Next(out var first, out _).Should().BeTrue();
        first.Should().Be(1);
        reader.Next(out _, out _).Should().BeFalse();
    }
}
