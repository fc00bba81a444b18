using System.Text;
using MultiNet.Cni.Protocol;

namespace MultiNet.NetworkPlumbing.Validation;

/// <summary>The Linux rules for an interface name a pod may request (the CNI_IFNAME rules of libcni and skel).</summary>
public static class InterfaceNames
{
    /// <summary>IFNAMSIZ minus the terminating NUL.</summary>
    public const int MaxBytes = 15;

    /// <summary>
    /// Why <paramref name="name"/> cannot be an interface name, as a lowercase phrase meant to follow the quoted
    /// name (e.g. <c>is longer than 15 bytes</c>); null when it is valid.
    /// </summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name is "." or "..")
        {
            return "is \".\" or \"..\"";
        }

        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxBytes)
        {
            return $"is longer than {MaxBytes} bytes ({bytes})";
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsSurrogate(c))
            {
                // A pair is one character beyond the BMP; a lone half cannot be written to the kernel as UTF-8.
                if (!char.IsSurrogatePair(name, i))
                {
                    return "contains an unpaired UTF-16 surrogate";
                }

                i++;
                continue;
            }

            if (c == '/')
            {
                return "contains '/'";
            }

            if (c == ':')
            {
                return "contains ':'";
            }

            if (char.IsWhiteSpace(c))
            {
                return "contains whitespace";
            }

            if (char.IsControl(c))
            {
                return "contains a control character";
            }
        }

        return null;
    }

    /// <summary>
    /// Throws <see cref="CniErrorCode.InvalidNetworkSelection"/> when <paramref name="name"/> is not a valid interface
    /// name; <paramref name="context"/> prefixes the message (e.g. <c>network "default/net-a"</c>).
    /// </summary>
    public static void Validate(string name, string context)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? problem = Problem(name);
        if (problem is not null)
        {
            string prefix = string.IsNullOrEmpty(context) ? string.Empty : context + ": ";
            throw new CniException(
                CniErrorCode.InvalidNetworkSelection,
                $"{prefix}interface name {QuotedValue.Of(name)} {problem}");
        }
    }
}
