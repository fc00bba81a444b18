namespace MultiNet.Attachments.Devices;

/// <summary>The protobuf wire types: how a field's value is laid out after its tag.</summary>
internal enum ProtobufWireType
{
    /// <summary>A base-128 varint.</summary>
    Varint = 0,
    /// <summary>Eight bytes (fixed64, sfixed64, double).</summary>
    Fixed64 = 1,
    /// <summary>A varint length, then that many bytes (strings, bytes, messages, packed repeated).</summary>
    LengthDelimited = 2,
    /// <summary>Deprecated group start.</summary>
    StartGroup = 3,
    /// <summary>Deprecated group end.</summary>
    EndGroup = 4,
    /// <summary>Four bytes (fixed32, sfixed32, float).</summary>
    Fixed32 = 5,
}
