namespace MultiNet.Daemon.Configuration;

/// <summary>The daemon's configuration or command line is wrong: printed on stderr, exit code 2.</summary>
internal sealed class DaemonConfigException(string message) : Exception(message);
