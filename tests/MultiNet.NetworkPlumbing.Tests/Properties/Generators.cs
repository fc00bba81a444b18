using CsCheck;

namespace MultiNet.NetworkPlumbing.Tests.Properties;

/// <summary>Generators of valid NPWG values and of hostile text for the parsers' properties.</summary>
internal static class Generators
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Alnum = Lower + "0123456789";

    /// <summary>A DNS-1123 label of 1 to 12 characters.</summary>
    public static readonly Gen<string> Label = Gen.Select(
        Gen.Char[Lower], Gen.Char[Alnum + "-"].Array[0, 10], Gen.Char[Alnum],
        (first, middle, last) => middle.Length == 0 ? first.ToString() : first + new string(middle) + last);

    /// <summary>An IPv4 address (no prefix).</summary>
    public static readonly Gen<string> Ipv4 = Gen.Select(Gen.Int[1, 223], Gen.Int[0, 255], Gen.Int[0, 255], Gen.Int[1, 254],
        (a, b, c, d) => $"{a}.{b}.{c}.{d}");

    /// <summary>An IPv4 address with a prefix length.</summary>
    public static readonly Gen<string> Ipv4Cidr = Gen.Select(Ipv4, Gen.Int[8, 32], (ip, prefix) => $"{ip}/{prefix}");

    /// <summary>An IPv6 address in the documentation range, compressed as .NET prints it.</summary>
    public static readonly Gen<string> Ipv6 = Gen.Int[1, 0xffff].Select(x => $"2001:db8::{x:x}");

    /// <summary>A unicast MAC address in lower case.</summary>
    public static readonly Gen<string> Mac = Gen.Select(Gen.Int[0, 63], Gen.Byte.Array[5, 5],
        (first, rest) => string.Join(':', new[] { (byte)((first << 2) | 2) }.Concat(rest).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
}
