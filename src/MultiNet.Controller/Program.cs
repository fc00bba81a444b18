namespace MultiNet.Controller;

/// <summary>multinet-controller entry point.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("multinet-controller: not built yet");
        return args.Length == 0 ? 1 : 2;
    }
}
