using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli.Commands;

/// <summary>Reads a multinet network config given on the command line.</summary>
internal static class ConfigFile
{
    /// <summary>Parses the file at <paramref name="path"/>; an unreadable file is a usage error naming the option.</summary>
    public static MultiNetConfig Load(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputException($"--config \"{path}\": is a directory; give the config file");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--config \"{path}\": {e.Message}");
        }

        try
        {
            return MultiNetConfigParser.Parse(bytes);
        }
        catch (CniException e)
        {
            throw e.WithContext($"--config \"{path}\"");
        }
    }
}
