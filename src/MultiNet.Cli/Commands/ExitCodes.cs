namespace MultiNet.Cli.Commands;

/// <summary>multinetctl's exit status, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Done, nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found problems (validate), or the operation failed (attach, explain, status).</summary>
    public const int Problems = 1;

    /// <summary>The command line is wrong, or an input file cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>The Kubernetes API could not be reached or refused the request (status).</summary>
    public const int ClusterUnreachable = 3;
}
