using MultiNet.Attachments.Configuration;
using MultiNet.Cni.Protocol;

namespace MultiNet.Attachments.Engine;

/// <summary><c>readinessindicatorfile</c>: ADD waits (bounded) for the cluster network to say it is ready.</summary>
internal static class ReadinessGate
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task WaitAsync(MultiNetConfig config, TimeProvider time, CancellationToken ct)
    {
        var file = config.ReadinessIndicatorFile;
        if (file is null || File.Exists(file))
        {
            return;
        }

        var deadline = time.GetUtcNow() + config.ReadinessTimeout;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, ct).ConfigureAwait(false);
            if (File.Exists(file))
            {
                return;
            }
        }

        throw new CniException(CniErrorCode.TryAgainLater,
            $"readinessindicatorfile \"{file}\" does not exist after {config.ReadinessTimeout.TotalSeconds:0.#} s",
            "the cluster network is not ready yet; check that its plugin is running on this node");
    }

    public static bool IsReady(MultiNetConfig config) => config.ReadinessIndicatorFile is not { } file || File.Exists(file);
}
