using System.Globalization;
using System.Text;

namespace MultiNet.NetworkPlumbing.Validation;

/// <summary>Renders a user-supplied value for an error message: quoted, escaped, and cut short when long.</summary>
public static class QuotedValue
{
    private const int MaxChars = 80;

    /// <summary>The value in double quotes, with quotes, backslashes and control characters escaped.</summary>
    public static string Of(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, MaxChars) + 8);
        sb.Append('"');
        int limit = Math.Min(value.Length, MaxChars);
        for (int i = 0; i < limit; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        if (value.Length > MaxChars)
        {
            sb.Append("...");
        }

        sb.Append('"');
        return sb.ToString();
    }
}
