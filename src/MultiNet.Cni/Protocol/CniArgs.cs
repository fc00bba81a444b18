namespace MultiNet.Cni.Protocol;

/// <summary>The <c>CNI_ARGS</c> format: <c>K1=V1;K2=V2</c>.</summary>
public static class CniArgs
{
    /// <summary>
    /// Splits <c>CNI_ARGS</c> into pairs, in order. Empty segments (a trailing <c>;</c>) are skipped; a pair
    /// without exactly one <c>=</c> or with an empty key is code 4.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var segment in raw.Split(';'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || segment.IndexOf('=', eq + 1) >= 0)
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"environment variable CNI_ARGS: invalid pair \"{segment}\" (want KEY=VALUE)");
            }

            pairs.Add(new(segment[..eq], segment[(eq + 1)..]));
        }

        return pairs;
    }

    /// <summary>Joins pairs as <c>K1=V1;K2=V2</c>. A key or value holding <c>;</c> or <c>=</c> is code 4.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var parts = new List<string>();
        foreach (var (key, value) in pairs)
        {
            if (key.Length == 0 || key.AsSpan().IndexOfAny(';', '=') >= 0 || value.AsSpan().IndexOfAny(';', '=') >= 0)
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"environment variable CNI_ARGS: cannot encode pair \"{key}={value}\" (keys and values may not hold ';' or '=')");
            }

            parts.Add($"{key}={value}");
        }

        return string.Join(';', parts);
    }
}
