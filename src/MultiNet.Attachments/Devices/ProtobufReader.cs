using System.Text;

namespace MultiNet.Attachments.Devices;

/// <summary>
/// Reads the protobuf wire format field by field, enough for the kubelet's PodResources messages:
/// <c>while (reader.TryReadTag(out var field, out var wireType)) { ... else reader.Skip(wireType); }</c>.
/// </summary>
/// <remarks>A hand-written reader keeps gRPC and protobuf packages out of the NativeAOT plugin.</remarks>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public ProtobufReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
    }

    /// <summary>Reads the next field's tag; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out ProtobufWireType wireType)
    {
        field = 0;
        wireType = default;
        if (position >= data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (ProtobufWireType)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new InvalidDataException($"protobuf: invalid field number {tag >> 3} at byte {position}");
        }

        return true;
    }

    /// <summary>Reads a base-128 varint of at most ten bytes.</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException("protobuf: truncated varint");
            }

            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("protobuf: varint longer than ten bytes");
    }

    /// <summary>Reads a length-delimited value: a string's bytes or an embedded message.</summary>
    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - position))
        {
            throw new InvalidDataException($"protobuf: length {length} runs past the end of the message");
        }

        var value = data.Slice(position, (int)length);
        position += (int)length;
        return value;
    }

    /// <summary>Reads a UTF-8 string field.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadLengthDelimited());

    /// <summary>Skips the value of a field this reader does not know.</summary>
    public void Skip(ProtobufWireType wireType)
    {
        switch (wireType)
        {
            case ProtobufWireType.Varint:
                _ = ReadVarint();
                break;
            case ProtobufWireType.Fixed64:
                Advance(8);
                break;
            case ProtobufWireType.LengthDelimited:
                _ = ReadLengthDelimited();
                break;
            case ProtobufWireType.Fixed32:
                Advance(4);
                break;
            default:
                throw new InvalidDataException($"protobuf: unsupported wire type {(int)wireType}");
        }
    }

    private void Advance(int count)
    {
        if (data.Length - position < count)
        {
            throw new InvalidDataException("protobuf: truncated fixed-width field");
        }

        position += count;
    }
}
