// The tests run plugins, shell scripts, network namespaces and /proc: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
