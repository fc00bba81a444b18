using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MultiNet.Kubernetes.Manifests;

/// <summary>Gives a YAML scalar its JSON type the way the YAML 1.2 core schema does (what Kubernetes manifests rely on).</summary>
internal static class YamlScalarResolver
{
    /// <summary>Returns the JSON value of <paramref name="scalar"/>; null for a YAML null.</summary>
    public static JsonNode? Resolve(Scalar scalar)
    {
        var value = scalar.Value;
        if (!scalar.Tag.IsEmpty)
        {
            return ResolveTagged(scalar.Tag.Value, value);
        }

        // Quoted and block scalars are always strings; only plain ones are typed by their text.
        return scalar.Style == ScalarStyle.Plain ? ResolvePlain(value) : JsonValue.Create(value);
    }

    private static JsonNode? ResolveTagged(string tag, string value) => tag switch
    {
        "tag:yaml.org,2002:null" => null,
        "tag:yaml.org,2002:bool" or "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => ResolvePlain(value),
        _ => JsonValue.Create(value),
    };

    private static JsonNode? ResolvePlain(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (TryInteger(value, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksLikeFloat(value)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        // .inf and .nan have no JSON form; they stay text, as does everything else.
        return JsonValue.Create(value);
    }

    private static bool TryInteger(string value, out long integer)
    {
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out integer);
        }

        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            integer = 0;
            foreach (var c in value.AsSpan(2))
            {
                if (c is < '0' or > '7' || integer > long.MaxValue / 8)
                {
                    return false;
                }

                integer = (integer * 8) + (c - '0');
            }

            return value.Length > 2;
        }

        var digits = value.AsSpan(value.Length > 0 && value[0] is '-' or '+' ? 1 : 0);
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            integer = 0;
            return false;
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer);
    }

    private static bool LooksLikeFloat(string value)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var s = value.AsSpan();
        var i = 0;
        if (i < s.Length && s[i] is '-' or '+')
        {
            i++;
        }

        var mantissaDigits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            mantissaDigits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                mantissaDigits++;
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
