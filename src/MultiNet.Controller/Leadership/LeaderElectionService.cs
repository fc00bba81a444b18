using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Logging;

namespace MultiNet.Controller.Leadership;

/// <summary>
/// Takes part in the election every <see cref="LeaderElectionOptions.RetryPeriod"/> and runs the <see cref="ILeaderTask"/>s
/// while this replica leads: they start when the Lease is won and are cancelled when another replica holds it, or when
/// renewing has failed for <see cref="LeaderElectionOptions.RenewDeadline"/> (before the others may take it over). On a
/// clean stop the Lease is released so another replica leads at once. With election disabled, this replica always leads.
/// </summary>
internal sealed class LeaderElectionService(
    LeaseElector elector, IEnumerable<ILeaderTask> tasks, LeaderElectionOptions options, TimeProvider time, ILogger<LeaderElectionService> logger)
    : BackgroundService
{
    private readonly ILeaderTask[] _tasks = [.. tasks];
    private volatile bool _leading;

    /// <summary>True while this replica runs the leader's work.</summary>
    public bool IsLeading => _leading;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            _leading = true;
            await RunTasksAsync(stoppingToken).ConfigureAwait(false);
            return;
        }

        CancellationTokenSource? leading = null;
        Task work = Task.CompletedTask;
        long renewedAt = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // As client-go: the time is taken before the attempt (the Lease's renewTime is that moment too), and a
                // leader's attempt may take only what is left of RenewDeadline since its last renewal, so a hanging API
                // cannot keep it leading past the point where the others may take over (LeaseDuration after the renewal).
                long attemptAt = time.GetTimestamp();
                TimeSpan budget = leading is null ? options.RenewDeadline : options.RenewDeadline - time.GetElapsedTime(renewedAt, attemptAt);
                bool? holds = budget > TimeSpan.Zero ? await AttemptAsync(budget, stoppingToken).ConfigureAwait(false) : null;
                if (holds == true)
                {
                    renewedAt = attemptAt;
                    if (leading is null)
                    {
                        logger.LeaseAcquired(elector.Identity);
                        leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                        _leading = true;
                        work = RunTasksAsync(leading.Token);
                    }
                }
                else if (leading is not null && (holds == false || time.GetElapsedTime(renewedAt) >= options.RenewDeadline))
                {
                    logger.LeaseLost(elector.Identity, elector.LastHolder);
                    await StopAsync(leading, work).ConfigureAwait(false);
                    leading = null;
                }

                // A leader whose renewals fail wakes at its deadline at the latest, to stop leading then.
                TimeSpan wait = leading is null ? options.RetryPeriod : Min(options.RetryPeriod, options.RenewDeadline - time.GetElapsedTime(renewedAt));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (leading is not null)
            {
                await StopAsync(leading, work).ConfigureAwait(false);
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // True: this replica holds the Lease; false: another does; null: the API could not be asked within the budget.
    private async Task<bool?> AttemptAsync(TimeSpan budget, CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(budget, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        try
        {
            return await elector.TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            logger.LeaseAttemptFailed(deadline.IsCancellationRequested ? $"no answer within the renew deadline: {e.Message}" : e.Message);
            return null;
        }
    }

    private async Task StopAsync(CancellationTokenSource leading, Task work)
    {
        _leading = false;
        await leading.CancelAsync().ConfigureAwait(false);
        await work.ConfigureAwait(false);
        leading.Dispose();
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await elector.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LeaseAttemptFailed(e.Message);
        }
    }

    private Task RunTasksAsync(CancellationToken leading) => Task.WhenAll(_tasks.Select(async task =>
    {
        try
        {
            await task.RunAsync(leading).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // Leadership ended.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LeaderTaskFailed(task.GetType().Name, e);
        }
    }));
}
