using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Cli.Commands;

/// <summary>Reads a multinet network config given on the command line.</summary>
internal static class ConfigFile
{
    /// <summary>Parses the file at <paramref name="path"/>; an unreadable or invalid file is an input error naming the option.</summary>
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
            // A config the plugin would refuse is an input to fix, not a failed operation: exit 2 like a missing file.
            throw new InputException($"--config \"{path}\": {e.Message}{(e.Details is null ? "" : $" ({e.Details})")}");
        }
    }
}
