using System.Text.RegularExpressions;

namespace MultiNet.Cni.Protocol;

/// <summary>The CNI rules for container IDs, network names and interface names.</summary>
public static partial class CniIdentifiers
{
    /// <summary>The longest Linux interface name (IFNAMSIZ - 1).</summary>
    public const int MaxInterfaceNameLength = 15;

    /// <summary>
    /// The longest container ID ADD and CHECK accept: it names checkpoint, temp and lock files, which must fit the
    /// 255-byte file name limit (runtimes use 64 hex characters).
    /// </summary>
    public const int MaxContainerIdLength = 200;

    /// <summary>True for a container ID matching <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>.</summary>
    public static bool IsValidContainerId(string? value) => value is not null && NameRegex().IsMatch(value);

    /// <summary>True for a network name matching <c>^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$</c>.</summary>
    public static bool IsValidNetworkName(string? value) => value is not null && NameRegex().IsMatch(value);

    /// <summary>
    /// Checks a Linux interface name: non-empty, at most 15 characters, not <c>.</c> or <c>..</c>, no <c>/</c>,
    /// <c>:</c> or whitespace. Returns null when valid, else why not (lowercase, for an error message).
    /// </summary>
    public static string? InterfaceNameProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        if (value.Length > MaxInterfaceNameLength)
        {
            return $"is longer than {MaxInterfaceNameLength} characters";
        }

        if (value is "." or "..")
        {
            return "may not be \".\" or \"..\"";
        }

        foreach (var c in value)
        {
            if (c is '/' or ':' || char.IsWhiteSpace(c))
            {
                return "may not contain '/', ':' or whitespace";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();
}
