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
internal sealed class CertificateReloader : IDisposable
{
    private readonly string _certificateFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private byte[] _fingerprint;
    private X509Certificate2 _current;

    /// <summary>Loads the pair now (throws naming the files when it cannot) and checks for changes every <paramref name="interval"/>.</summary>
    public CertificateReloader(string certificateFile, string keyFile, TimeSpan interval, TimeProvider time, ILogger<CertificateReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _certificateFile = certificateFile;
        _keyFile = keyFile;
        _logger = logger;
        (_current, _fingerprint) = Load() ?? throw new InvalidOperationException(
            $"cannot load the serving certificate from \"{certificateFile}\" and \"{keyFile}\": {_lastError}");
        _logger.CertificateLoaded(_current.Subject, _current.Thumbprint, _current.NotAfter.ToUniversalTime());
        _timer = time.CreateTimer(_ => Check(), null, interval, interval);
    }

    /// <summary>Raised after a new certificate was loaded.</summary>
    public event Action<X509Certificate2>? Reloaded;

    /// <summary>The certificate to serve.</summary>
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

    private string? _lastError;

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
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(_certificateFile, _keyFile);

            // Re-import as PKCS#12 so the key is usable by SslStream on every platform, not only as an ephemeral key.
            X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            return (certificate, fingerprint);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            _lastError = e.Message;
            return null;
        }
    }

    private byte[]? Fingerprint()
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(File.ReadAllBytes(_certificateFile));
            hash.AppendData(File.ReadAllBytes(_keyFile));
            return hash.GetHashAndReset();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _lastError = e.Message;
            return null;
        }
    }
}
