using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MultiNet.NetworkPlumbing.Validation;

/// <summary>
/// Strict text forms of IP addresses, prefixes, MAC addresses and InfiniBand GUIDs. Stricter than
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/>, which also takes "1", "0x7f.1" or zone ids that a
/// delegate written in Go would reject.
/// </summary>
internal static class AddressSyntax
{
    /// <summary>Why <paramref name="value"/> is not an IPv4/IPv6 address (with a prefix length when allowed); null when valid.</summary>
    public static string? IpProblem(string value, bool allowPrefix)
    {
        string address = value;
        string? prefix = null;
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!allowPrefix)
            {
                return "is not a valid IP address (no prefix length allowed)";
            }

            address = value[..slash];
            prefix = value[(slash + 1)..];
        }

        if (ParseIp(address) is not { } ip)
        {
            return allowPrefix
                ? "is not a valid IP address or CIDR"
                : "is not a valid IP address";
        }

        if (prefix is null)
        {
            return null;
        }

        int max = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return ParseDecimal(prefix, 3) is { } length && length <= max
            ? null
            : $"has an invalid prefix length (0-{max})";
    }

    /// <summary>The address, if <paramref name="value"/> is a plain IPv4 or IPv6 address (no prefix, no zone).</summary>
    public static IPAddress? ParseIp(string value)
    {
        if (value.Contains(':', StringComparison.Ordinal))
        {
            foreach (char c in value)
            {
                if (!(char.IsAsciiHexDigit(c) || c is ':' or '.'))
                {
                    return null;
                }
            }

            return IPAddress.TryParse(value, out IPAddress? v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6
                : null;
        }

        string[] parts = value.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }

        var bytes = new byte[4];
        for (int i = 0; i < 4; i++)
        {
            if (ParseDecimal(parts[i], 3) is not { } octet || octet > 255)
            {
                return null;
            }

            bytes[i] = (byte)octet;
        }

        return new IPAddress(bytes);
    }

    /// <summary>Why <paramref name="value"/> is not a 6-byte MAC address (colon or dash separated); null when valid.</summary>
    public static string? MacProblem(string value) =>
        IsHexGroups(value, 6, allowDash: true) ? null : "is not a valid MAC address (6 bytes, e.g. \"c2:11:22:33:44:55\")";

    /// <summary>Why <paramref name="value"/> is not an 8-byte InfiniBand GUID (colon separated); null when valid.</summary>
    public static string? GuidProblem(string value) =>
        IsHexGroups(value, 8, allowDash: false)
            ? null
            : "is not a valid InfiniBand GUID (8 bytes, e.g. \"c2:11:22:33:44:55:66:77\")";

    private static bool IsHexGroups(string value, int groups, bool allowDash)
    {
        if (value.Length != (groups * 3) - 1)
        {
            return false;
        }

        char separator = value[2];
        if (!(separator == ':' || (allowDash && separator == '-')))
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            bool ok = i % 3 == 2 ? value[i] == separator : char.IsAsciiHexDigit(value[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // Decimal without sign, spaces or leading zeros (Go's parsers refuse "010" too).
    private static int? ParseDecimal(string s, int maxDigits)
    {
        if (s.Length == 0 || s.Length > maxDigits || (s.Length > 1 && s[0] == '0'))
        {
            return null;
        }

        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
