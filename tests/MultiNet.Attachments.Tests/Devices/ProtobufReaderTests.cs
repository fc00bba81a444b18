using FluentAssertions;
using MultiNet.Attachments.Devices;
using MultiNet.Testing.Kubelet;
using Xunit;

namespace MultiNet.Attachments.Tests.Devices;

public sealed class ProtobufReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0UL)]
    [InlineData(new byte[] { 0x96, 0x01 }, 150UL)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, ulong.MaxValue)]
    public void ReadVarint_Encoded_Decodes(byte[] bytes, ulong expected)
    {
        var reader = new ProtobufReader(bytes);

        reader.ReadVarint().Should().Be(expected);
    }

    [Fact]
    public void Skip_EveryWireType_LandsOnTheNextField()
    {
        var message = new MemoryStream();
        PodResourcesProtobuf.WriteTag(message, 9, 0);
        PodResourcesProtobuf.WriteVarint(message, 300);
        PodResourcesProtobuf.WriteTag(message, 10, 1);
        message.Write(new byte[8]);
        PodResourcesProtobuf.WriteBytes(message, 11, [1, 2, 3]);
        PodResourcesProtobuf.WriteTag(message, 12, 5);
        message.Write(new byte[4]);
        PodResourcesProtobuf.WriteString(message, 1, "kept");

        var reader = new ProtobufReader(message.ToArray());
        var fields = new List<int>();
        string? kept = null;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            fields.Add(field);
            if (field == 1)
            {
                kept = reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        fields.Should().Equal(9, 10, 11, 12, 1);
        kept.Should().Be("kept");
    }

    [Theory]
    [InlineData(new byte[] { 0x0a, 0x05, 0x61 }, "runs past the end")]
    [InlineData(new byte[] { 0x08, 0x80 }, "truncated varint")]
    [InlineData(new byte[] { 0x09, 0x01 }, "truncated fixed-width")]
    [InlineData(new byte[] { 0x0b }, "unsupported wire type 3")]
    [InlineData(new byte[] { 0x00 }, "invalid field number 0")]
    public void Skip_MalformedInput_ThrowsInvalidData(byte[] bytes, string reason)
    {
        var act = () =>
        {
            var reader = new ProtobufReader(bytes);
            while (reader.TryReadTag(out _, out var wireType))
            {
                reader.Skip(wireType);
            }
        };

        act.Should().Throw<InvalidDataException>().WithMessage($"*{reason}*");
    }
}
