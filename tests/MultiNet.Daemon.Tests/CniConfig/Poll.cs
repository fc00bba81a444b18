namespace MultiNet.Daemon.Tests.CniConfig;

/// <summary>Bounded waiting for something a background loop does: asserts the outcome, never a duration.</summary>
internal static class Poll
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    /// <summary>True as soon as <paramref name="condition"/> holds; false if it still does not after <see cref="Limit"/>.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
