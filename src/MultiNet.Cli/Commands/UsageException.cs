namespace MultiNet.Cli.Commands;

/// <summary>A command line a person has to fix; printed with the usage text.</summary>
internal sealed class UsageException(string message) : Exception(message);
