using System.Text.RegularExpressions;

namespace MultiNet.NetworkPlumbing.Validation;

/// <summary>DNS-1123 labels: what NAD names and namespaces are made of (NPWG spec §3.3).</summary>
public static partial class DnsLabel
{
    /// <summary>The longest label Kubernetes accepts.</summary>
    public const int MaxLength = 63;

    /// <summary>True when <paramref name="s"/> is a DNS-1123 label of at most 63 characters.</summary>
    public static bool IsValid(string s) => Problem(s) is null;

    /// <summary>
    /// Why <paramref name="s"/> is not a DNS-1123 label, as a lowercase phrase meant to follow the quoted value
    /// (e.g. <c>is longer than 63 characters</c>); null when it is valid.
    /// </summary>
    public static string? Problem(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length == 0)
        {
            return "is empty";
        }

        if (s.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        return LabelPattern().IsMatch(s)
            ? null
            : "is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)";
    }

    // \z rather than $: '$' would also accept a trailing newline.
    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
