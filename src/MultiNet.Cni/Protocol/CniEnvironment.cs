namespace MultiNet.Cni.Protocol;

/// <summary>The CNI parameters a runtime passes in environment variables (spec "parameters").</summary>
public sealed record CniEnvironment
{
    /// <summary><c>CNI_COMMAND</c>.</summary>
    public required CniCommand Command { get; init; }

    /// <summary><c>CNI_CONTAINERID</c>, if set.</summary>
    public string? ContainerId { get; init; }

    /// <summary><c>CNI_NETNS</c>, if set.</summary>
    public string? NetNs { get; init; }

    /// <summary><c>CNI_IFNAME</c>, if set.</summary>
    public string? IfName { get; init; }

    /// <summary>The raw <c>CNI_ARGS</c>, if set (see <see cref="CniArgs.Parse"/>).</summary>
    public string? Args { get; init; }

    /// <summary><c>CNI_PATH</c> split on ':' (empty entries dropped); empty when unset.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>
    /// Reads and validates the parameters. ADD, DEL and CHECK need a valid <c>CNI_CONTAINERID</c> and
    /// <c>CNI_IFNAME</c>; ADD and CHECK need <c>CNI_NETNS</c>. Every violation is code 4 naming the variable.
    /// </summary>
    public static CniEnvironment Parse(Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(getEnv);
        string? Get(string name) => getEnv(name) is { Length: > 0 } v ? v : null;

        var commandText = Get("CNI_COMMAND") ?? throw Missing("CNI_COMMAND");
        if (!CniCommandNames.TryParse(commandText, out var command))
        {
            throw Invalid("CNI_COMMAND", $"unknown command \"{commandText}\"");
        }

        var containerId = Get("CNI_CONTAINERID");
        var netNs = Get("CNI_NETNS");
        var ifName = Get("CNI_IFNAME");
        var needsAttachment = command is CniCommand.Add or CniCommand.Del or CniCommand.Check;
        if (needsAttachment)
        {
            if (containerId is null)
            {
                throw Missing("CNI_CONTAINERID");
            }

            if (!CniIdentifiers.IsValidContainerId(containerId))
            {
                throw Invalid("CNI_CONTAINERID", $"\"{containerId}\" must match ^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
            }

            // DEL still takes one: nothing can have been recorded for it, so it succeeds instead of failing forever.
            if (command != CniCommand.Del && containerId.Length > CniIdentifiers.MaxContainerIdLength)
            {
                throw Invalid("CNI_CONTAINERID", $"is {containerId.Length} characters long; at most {CniIdentifiers.MaxContainerIdLength} (it names checkpoint files)");
            }

            if (ifName is null)
            {
                throw Missing("CNI_IFNAME");
            }

            if (CniIdentifiers.InterfaceNameProblem(ifName) is { } problem)
            {
                throw Invalid("CNI_IFNAME", $"\"{ifName}\" {problem}");
            }
        }

        if (command is CniCommand.Add or CniCommand.Check && netNs is null)
        {
            throw Missing("CNI_NETNS");
        }

        // Not for DEL: it must always be able to finish; a netns it cannot find only means the interfaces are gone.
        if (command is CniCommand.Add or CniCommand.Check && !netNs!.StartsWith('/'))
        {
            throw Invalid("CNI_NETNS", $"\"{netNs}\" is not an absolute path");
        }

        return new CniEnvironment
        {
            Command = command,
            ContainerId = containerId,
            NetNs = netNs,
            IfName = ifName,
            Args = Get("CNI_ARGS"),
            Path = Get("CNI_PATH")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [],
        };
    }

    private static CniException Missing(string variable) =>
        new(CniErrorCode.InvalidEnvironment, $"environment variable {variable} is missing");

    private static CniException Invalid(string variable, string problem) =>
        new(CniErrorCode.InvalidEnvironment, $"environment variable {variable}: {problem}");
}
