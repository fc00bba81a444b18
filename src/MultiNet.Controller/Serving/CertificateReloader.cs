using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Logging;

namespace MultiNet.Controller.Serving;

/// <summary>
/// The serving certificate, reloaded when its PEM files change. The files are compared by content (a Secret volume
/// swaps a symlink, so timestamps say little); a pair that does not load (the key written before the certificate)
/// keeps the current certificate until the next check. Kestrel asks <see cref="Current"/> at every handshake.
/// </summary>
internal sealed class CertificateReloader : IServingCertificate, IDisposable
{
    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private byte[] _fingerprint;
    private X509Certificate2 _current;
    private string? _lastError;

    /// <summary>Loads the pair now (throws naming the files when it cannot) and checks for changes every <paramref name="interval"/>.</summary>
    public CertificateReloader(string certificateFile, string keyFile, TimeSpan interval, TimeProvider time, ILogger<CertificateReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _logger = logger;
        (_current, _fingerprint) = Load() ?? throw new InvalidOperationException($"cannot load the serving certificate: {_lastError}");
        _logger.CertificateLoaded(_current.Subject, _current.Thumbprint, _current.NotAfter.ToUniversalTime());
        _timer = time.CreateTimer(_ => Check(), null, interval, interval);
    }

    /// <summary>Raised after a new certificate was loaded.</summary>
    public event Action<X509Certificate2>? Reloaded;

    /// <inheritdoc />
    public X509Certificate2 Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Compares the files with what is loaded and loads them when they differ. True when a new certificate was loaded.</summary>
    public bool Check()
    {
        byte[]? fingerprint = Fingerprint();
        if (fingerprint is null || fingerprint.AsSpan().SequenceEqual(_fingerprint))
        {
            return false;
        }

        if (Load() is not { } loaded)
        {
            _logger.CertificateReloadFailed(_lastError ?? "unknown");
            return false;
        }

        lock (_lock)
        {
            // The old certificate is not disposed: a handshake may still be using it.
            (_current, _fingerprint) = loaded;
        }

        _logger.CertificateLoaded(loaded.Certificate.Subject, loaded.Certificate.Thumbprint, loaded.Certificate.NotAfter.ToUniversalTime());
        Reloaded?.Invoke(loaded.Certificate);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private (X509Certificate2 Certificate, byte[] Fingerprint)? Load()
    {
        byte[]? fingerprint = Fingerprint();
        if (fingerprint is null)
        {
            return null;
        }

        try
        {
            X509Certificate2 certificate = ServingCertificatePem.Load(File.ReadAllText(_certificateFile), File.ReadAllText(_keyFile),
                $"--tls-cert-file \"{_certificateFile}\"", $"--tls-private-key-file \"{_keyFile}\"");
            return (certificate, fingerprint);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            _lastError = e.Message;
            return null;
        }
    }

    private byte[]? Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach ((string path, string flag) in new[] { (_certificateFile, "--tls-cert-file"), (_keyFile, "--tls-private-key-file") })
        {
            try
            {
                hash.AppendData(File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _lastError = $"cannot read {flag} \"{path}\": {e.Message}";
                return null;
            }
        }

        return hash.GetHashAndReset();
    }
}
