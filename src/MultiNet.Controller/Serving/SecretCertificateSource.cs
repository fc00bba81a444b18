using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Certificates;
using MultiNet.Controller.Logging;

namespace MultiNet.Controller.Serving;

/// <summary>
/// Every replica's serving certificate in self-managed mode: read from the Secret at start and every check interval
/// (the leader also hands over what it just wrote). At start the webhook configuration must exist and a Secret that
/// exists must be the controller's and readable, else the controller does not start; later, a Secret that cannot be
/// read keeps the current certificate. No certificate until the leader filled the Secret (absent, or shipped empty): <c>/readyz</c> says so.
/// </summary>
internal sealed class SecretCertificateSource(
    ISecretStore secrets, IWebhookCaBundle webhooks, TimeSpan interval, TimeProvider time, ILogger<SecretCertificateSource> logger)
    : IServingCertificate, IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private X509Certificate2? _current;
    private string? _loadedVersion;
    private ITimer? _timer;
    private int _refreshing;

    /// <inheritdoc />
    public event Action<X509Certificate2>? Reloaded;

    /// <inheritdoc />
    public X509Certificate2? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Checks the webhook configuration and the Secret (throws naming what is wrong), then polls the Secret.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await webhooks.GetAsync(cancellationToken).ConfigureAwait(false);
        if (await secrets.GetAsync(cancellationToken).ConfigureAwait(false) is { } stored && CertificateSecret.Read(stored, secrets.Name) is { } secret)
        {
            Accept(secret, stored.ResourceVersion);
        }

        _timer = time.CreateTimer(_ => _ = RefreshAsync(), null, interval, interval);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    /// <summary>Reads the Secret now; true when a new certificate is served afterwards.</summary>
    public async Task<bool> RefreshAsync()
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return false;
        }

        try
        {
            StoredSecret? stored = await secrets.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (stored is null || stored.ResourceVersion == _loadedVersion)
            {
                return false;
            }

            return CertificateSecret.Read(stored, secrets.Name) is { } secret && Accept(secret, stored.ResourceVersion);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.SecretReloadFailed(secrets.Name, e.Message);
            return false;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Serves the certificate of <paramref name="secret"/> (the leader's fresh write, or a read); true when it is new.</summary>
    public bool Accept(CertificateSecret secret, string? resourceVersion = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        lock (_lock)
        {
            _loadedVersion = resourceVersion;
            if (_current?.Thumbprint == secret.Serving.Thumbprint)
            {
                return false;
            }

            // The old certificate is not disposed: a handshake may still be using it.
            _current = secret.Serving;
        }

        logger.CertificateLoaded(secret.Serving.Subject, secret.Serving.Thumbprint, secret.Serving.NotAfter.ToUniversalTime());
        Reloaded?.Invoke(secret.Serving);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();
}
