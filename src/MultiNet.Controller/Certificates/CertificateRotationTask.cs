using Microsoft.Extensions.Logging;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Leadership;
using MultiNet.Controller.Logging;
using MultiNet.Controller.Serving;

namespace MultiNet.Controller.Certificates;

/// <summary>The leader's certificate loop: a <see cref="CertificateRotation"/> round at once and then every check interval; this replica serves what it wrote.</summary>
internal sealed class CertificateRotationTask(
    CertificateRotation rotation, SecretCertificateSource served, SelfManagedCertificateOptions options, TimeProvider time,
    ILogger<CertificateRotationTask> logger) : ILeaderTask
{
    /// <summary>Wait after a failed or lost round before the next.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken leading)
    {
        while (true)
        {
            TimeSpan wait = options.RotationCheckInterval;
            try
            {
                if (await rotation.ReconcileAsync(leading).ConfigureAwait(false) is { } secret)
                {
                    served.Accept(secret);
                }
                else
                {
                    wait = RetryAfterFailure;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !leading.IsCancellationRequested)
            {
                logger.RotationFailed(e.Message);
                wait = RetryAfterFailure < wait ? RetryAfterFailure : wait;
            }

            await Task.Delay(wait, time, leading).ConfigureAwait(false);
        }
    }
}
