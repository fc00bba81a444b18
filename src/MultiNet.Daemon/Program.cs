namespace MultiNet.Daemon;

/// <summary>multinetd entry point.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("multinetd: not built yet");
        return args.Length == 0 ? 1 : 2;
    }
}
