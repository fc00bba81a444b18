using System.Net;
using System.Net.Sockets;
using MultiNet.NetworkPlumbing.Validation;

namespace MultiNet.NetworkPlumbing.Admission;

/// <summary>An address with a prefix length (<c>10.1.0.0/24</c>), with the arithmetic the IPAM rules need.</summary>
internal readonly record struct IpPrefix(IPAddress Address, int Length)
{
    /// <summary>Address bits: 32 or 128.</summary>
    public int Bits => Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    /// <summary>The address with the host bits cleared.</summary>
    public UInt128 Network => ToNumber(Address) & Mask;

    /// <summary>The last address of the prefix.</summary>
    public UInt128 Last => Network | (~Mask & AllOnes);

    private UInt128 AllOnes => Bits == 32 ? uint.MaxValue : UInt128.MaxValue;

    private UInt128 Mask => Length == 0 ? UInt128.Zero : (AllOnes << (Bits - Length)) & AllOnes;

    /// <summary>Parses <c>address/length</c> (strict, see <see cref="AddressSyntax"/>); null when it is not one.</summary>
    public static IpPrefix? Parse(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || AddressSyntax.IpProblem(text, allowPrefix: true) is not null)
        {
            return null;
        }

        IPAddress address = AddressSyntax.ParseIp(text[..slash])!;
        return new IpPrefix(address, int.Parse(text[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The address as a number (IPv4 in the low 32 bits).</summary>
    public static UInt128 ToNumber(IPAddress address)
    {
        UInt128 n = UInt128.Zero;
        foreach (byte b in address.GetAddressBytes())
        {
            n = (n << 8) | b;
        }

        return n;
    }

    /// <summary>True when <paramref name="address"/> is of this family and inside the prefix.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == Address.AddressFamily && (ToNumber(address) & Mask) == Network;

    /// <summary>True when the two prefixes share an address.</summary>
    public bool Overlaps(IpPrefix other) =>
        other.Address.AddressFamily == Address.AddressFamily && Network <= other.Last && other.Network <= Last;

    /// <summary>The network address in text, e.g. <c>10.1.0.0/24</c>.</summary>
    public string NetworkText()
    {
        byte[] bytes = new byte[Bits / 8];
        UInt128 n = Network;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(n & 0xff);
            n >>= 8;
        }

        return $"{new IPAddress(bytes)}/{Length}";
    }
}
