using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MultiNet.Cni.Results;

/// <summary>Checks of the address strings in results; the hub keeps the strings as they were written.</summary>
internal static class IpText
{
    /// <summary>True for <c>address/prefix</c> with a prefix that fits the family (host bits may be set).</summary>
    public static bool IsCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var ip))
        {
            return false;
        }

        var prefixText = text.AsSpan(slash + 1);
        var max = ip.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        return prefixText.Length > 0
            && prefixText.Length <= 3
            && int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            && prefix <= max;
    }

    /// <summary>True for a bare IPv4 or IPv6 address.</summary>
    public static bool IsIp(string text) => !text.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(text, out _);

    /// <summary>True when the address or CIDR is IPv6 (written with ':').</summary>
    public static bool IsV6(string addressOrCidr) => addressOrCidr.Contains(':', StringComparison.Ordinal);
}
