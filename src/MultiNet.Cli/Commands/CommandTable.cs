using MultiNet.Cni.Protocol;

namespace MultiNet.Cli.Commands;

/// <summary>multinetctl's commands, their one-line summaries and usage texts.</summary>
internal static class CommandTable
{
    /// <summary>One command.</summary>
    internal sealed record Entry(string Name, string Summary, string Usage,
        Func<IReadOnlyList<string>, TextWriter, TextWriter, CancellationToken, Task<int>> RunAsync);

    private static readonly Entry[] Entries =
    [
        new("validate", "check NAD and pod manifests offline, with the admission controller's rules", ValidateCommand.Usage, ValidateCommand.RunAsync),
        new("explain", "show the attachments the plugin would make for a pod", ExplainCommand.Usage, ExplainCommand.RunAsync),
        new("status", "show a pod's network-status from the cluster", StatusCommand.Usage, StatusCommand.RunAsync),
        new("attach", "attach a network namespace to networks, without Kubernetes", AttachCommand.Usage,
            (args, stdout, _, ct) => AttachCommand.RunAsync(CniCommand.Add, args, stdout, ct)),
        new("detach", "undo an attach", AttachCommand.Usage,
            (args, stdout, _, ct) => AttachCommand.RunAsync(CniCommand.Del, args, stdout, ct)),
        new("check", "check an attach is still in place", AttachCommand.Usage,
            (args, stdout, _, ct) => AttachCommand.RunAsync(CniCommand.Check, args, stdout, ct)),
    ];

    /// <summary>What <c>multinetctl --help</c> prints.</summary>
    public static string Overview { get; } = string.Join(Environment.NewLine,
    [
        "usage: multinetctl COMMAND [OPTIONS]",
        "",
        "commands:",
        .. Entries.Select(e => $"  {e.Name,-9} {e.Summary}"),
        "",
        "\"multinetctl COMMAND --help\" shows a command's options; \"multinetctl --version\" the version and commit.",
        "exit status: 0 success, 1 problems found or the operation failed, 2 usage error or unreadable input,",
        "3 the Kubernetes API could not be reached (status).",
    ]);

    /// <summary>The command called <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => Entries.FirstOrDefault(e => e.Name == name);
}
