using CsCheck;

namespace MultiNet.Cni.Tests.Properties;

/// <summary>
/// Hostile text for parser properties: short strings made mostly of JSON, annotation and CNI_ARGS syntax, and valid
/// inputs with one character removed, replaced or inserted. Linked into every test project with parser properties.
/// </summary>
internal static class FuzzText
{
    /// <summary>Characters that carry meaning in the formats under test, plus some that must never pass.</summary>
    public static readonly Gen<char> Syntax = Gen.OneOf(
        Gen.Char["[]{}\",:;=/@ \\\t\n\u0000"], Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-."], Gen.Char);

    /// <summary>Short strings made mostly of syntax characters, or any string at all.</summary>
    public static readonly Gen<string> Hostile = Gen.OneOf(Syntax.Array[0, 40].Select(c => new string(c)), Gen.String);

    /// <summary><paramref name="valid"/> with one character removed, replaced or inserted at a random place.</summary>
    public static Gen<string> Mutated(Gen<string> valid) =>
        Gen.Select(valid, Gen.Int[0, 2], Gen.Int[0, int.MaxValue - 1], Syntax, (text, kind, where, c) =>
        {
            var at = where % (text.Length + 1);
            var inside = Math.Min(at, text.Length - 1);
            return kind switch
            {
                0 when text.Length > 0 => text.Remove(inside, 1),
                1 when text.Length > 0 => text.Remove(inside, 1).Insert(inside, c.ToString()),
                _ => text.Insert(at, c.ToString()),
            };
        });
}
