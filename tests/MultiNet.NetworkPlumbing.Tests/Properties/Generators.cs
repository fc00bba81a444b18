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

    /// <summary>Characters that carry meaning in the two annotation forms, plus some that must never pass.</summary>
    private static readonly Gen<char> Syntax = Gen.OneOf(Gen.Char["[]{}\",:/@ ,\\\t\n\u0000"], Gen.Char[Alnum + "-."], Gen.Char);

    /// <summary>Short strings made mostly of syntax characters: what a fuzzer would try.</summary>
    public static readonly Gen<string> Hostile = Gen.OneOf(Syntax.Array[0, 40].Select(c => new string(c)), Gen.String);

    /// <summary><paramref name="valid"/> with one character removed, replaced or inserted at a random place.</summary>
    public static Gen<string> Mutated(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int[0, 2], Gen.Int[0, int.MaxValue - 1], Syntax, (text, kind, where, c) =>
        {
            var at = where % (text.Length + 1);
            return kind switch
            {
                0 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), 1),
                1 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), 1).Insert(Math.Min(at, text.Length - 1), c.ToString()),
                _ => text.Insert(at, c.ToString()),
            };
        });
}
