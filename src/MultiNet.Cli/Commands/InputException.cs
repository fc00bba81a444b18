namespace MultiNet.Cli.Commands;

/// <summary>An input named on the command line that cannot be used (a missing file, a bad kubeconfig): exit 2, without the usage text.</summary>
internal sealed class InputException(string message) : Exception(message);
