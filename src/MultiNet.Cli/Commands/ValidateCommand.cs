namespace MultiNet.Cli.Commands;

/// <summary><c>validate</c>: NAD and pod manifests checked offline with the admission controller's rules.</summary>
internal static class ValidateCommand
{
    public const string Usage = "multinetctl validate FILE|DIR...";

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        throw new UsageException("validate is not built yet");
}
