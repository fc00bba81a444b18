namespace MultiNet.Cni.Protocol;

/// <summary>The CNI specification versions MultiNet speaks, and how to compare them.</summary>
public static class CniVersions
{
    private static readonly string[] SupportedArray = ["0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>Every supported version, oldest first.</summary>
    public static IReadOnlyList<string> Supported { get; } = Array.AsReadOnly(SupportedArray);

    /// <summary>The newest supported version.</summary>
    public static string Latest => SupportedArray[^1];

    /// <summary>True when <paramref name="version"/> is exactly one of <see cref="Supported"/>.</summary>
    public static bool IsSupported(string? version) => version is not null && Array.IndexOf(SupportedArray, version) >= 0;

    /// <summary>
    /// Compares two <c>major.minor.patch</c> versions numerically (missing parts count as 0).
    /// Throws code 1 when either is not a version.
    /// </summary>
    public static int Compare(string a, string b)
    {
        var left = ParseParts(a);
        var right = ParseParts(b);
        for (var i = 0; i < 3; i++)
        {
            var c = left[i].CompareTo(right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>True when <paramref name="version"/> is <paramref name="minimum"/> or later.</summary>
    public static bool AtLeast(string version, string minimum) => Compare(version, minimum) >= 0;

    /// <summary>The highest supported version among <paramref name="candidates"/>, or null when none is supported.</summary>
    public static string? HighestSupported(IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        foreach (var candidate in candidates)
        {
            if (IsSupported(candidate) && (best is null || Compare(candidate, best) > 0))
            {
                best = candidate;
            }
        }

        return best;
    }

    private static int[] ParseParts(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        if (parts.Length is < 1 or > 3)
        {
            throw Invalid(version);
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i]))
            {
                throw Invalid(version);
            }
        }

        return numbers;
    }

    private static CniException Invalid(string version) =>
        new(CniErrorCode.IncompatibleVersion, $"\"{version}\" is not a valid CNI version");
}
