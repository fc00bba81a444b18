namespace MultiNet.KubeApi;

/// <summary>Short descriptions of file errors that do not depend on runtime resource strings (the plugin trims them away).</summary>
internal static class FileError
{
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.GetType().Name,
    };
}
