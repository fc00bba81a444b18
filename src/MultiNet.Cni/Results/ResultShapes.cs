using MultiNet.Cni.Protocol;

namespace MultiNet.Cni.Results;

/// <summary>The conversion table: the result shape of every supported version, with 1.x as the hub.</summary>
internal static class ResultShapes
{
    /// <summary>The 0.1.0/0.2.0 shape.</summary>
    public static readonly ResultShape LegacyShape = new(Legacy: true, IpVersion: false, V11Fields: false);
    private static readonly ResultShape Versioned = new(Legacy: false, IpVersion: true, V11Fields: false);

    private static readonly Dictionary<string, ResultShape> Table = new(StringComparer.Ordinal)
    {
        ["0.1.0"] = LegacyShape,
        ["0.2.0"] = LegacyShape,
        ["0.3.0"] = Versioned,
        ["0.3.1"] = Versioned,
        ["0.4.0"] = Versioned,
        ["1.0.0"] = new(Legacy: false, IpVersion: false, V11Fields: false),
        ["1.1.0"] = new(Legacy: false, IpVersion: false, V11Fields: true),
    };

    /// <summary>The shape of <paramref name="version"/>; code 1 when MultiNet does not know that version.</summary>
    public static ResultShape For(string version, string what) =>
        Table.TryGetValue(version, out var shape)
            ? shape
            : throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"{what}: unsupported cniVersion \"{version}\" (supported: {string.Join(", ", CniVersions.Supported)})");
}
