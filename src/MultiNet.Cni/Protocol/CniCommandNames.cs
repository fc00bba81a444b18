namespace MultiNet.Cni.Protocol;

/// <summary>The wire names of <see cref="CniCommand"/> (the values of <c>CNI_COMMAND</c>).</summary>
public static class CniCommandNames
{
    /// <summary>The <c>CNI_COMMAND</c> value for <paramref name="command"/>, e.g. <c>ADD</c>.</summary>
    public static string ToWire(CniCommand command) => command switch
    {
        CniCommand.Add => "ADD",
        CniCommand.Del => "DEL",
        CniCommand.Check => "CHECK",
        CniCommand.Version => "VERSION",
        CniCommand.Status => "STATUS",
        CniCommand.Gc => "GC",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown CNI command"),
    };

    /// <summary>Parses a <c>CNI_COMMAND</c> value (case-sensitive, as the spec writes them).</summary>
    public static bool TryParse(string? value, out CniCommand command)
    {
        (var known, command) = value switch
        {
            "ADD" => (true, CniCommand.Add),
            "DEL" => (true, CniCommand.Del),
            "CHECK" => (true, CniCommand.Check),
            "VERSION" => (true, CniCommand.Version),
            "STATUS" => (true, CniCommand.Status),
            "GC" => (true, CniCommand.Gc),
            _ => (false, default),
        };
        return known;
    }
}
