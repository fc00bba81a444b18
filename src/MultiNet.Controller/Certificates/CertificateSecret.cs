using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MultiNet.Controller.Serving;

namespace MultiNet.Controller.Certificates;

/// <summary>
/// What the self-managed Secret holds: <c>ca.crt</c> the CAs the webhook configuration trusts (newest first; an old
/// one stays until it expires, so a replica still serving a certificate it signed stays trusted), <c>ca.key</c> the
/// newest CA's key, and the serving pair <c>tls.crt</c>/<c>tls.key</c>, signed by one of those CAs.
/// </summary>
internal sealed class CertificateSecret
{
    public const string CaBundleKey = "ca.crt";
    public const string CaKeyKey = "ca.key";
    public const string CertificateKey = "tls.crt";
    public const string KeyKey = "tls.key";

    private CertificateSecret(IReadOnlyList<X509Certificate2> authorities, X509Certificate2 authority, X509Certificate2 serving, string certificatePem, string keyPem)
    {
        Authorities = authorities;
        Authority = authority;
        Serving = serving;
        CertificatePem = certificatePem;
        KeyPem = keyPem;
    }

    /// <summary>Every trusted CA, newest first (the webhook configuration's caBundle).</summary>
    public IReadOnlyList<X509Certificate2> Authorities { get; }

    /// <summary>The newest CA, with its private key: it signs new serving certificates.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The serving certificate with its key.</summary>
    public X509Certificate2 Serving { get; }

    /// <summary>The serving certificate's PEM as stored.</summary>
    public string CertificatePem { get; }

    /// <summary>The serving key's PEM as stored.</summary>
    public string KeyPem { get; }

    /// <summary>The CA bundle as PEM, newest first.</summary>
    public string CaBundlePem => string.Concat(Authorities.Select(a => a.ExportCertificatePem() + "\n"));

    /// <summary>Builds the contents from new parts (what the leader writes); <paramref name="authority"/> is the first of <paramref name="authorities"/>, with its key.</summary>
    public static CertificateSecret From(IReadOnlyList<X509Certificate2> authorities, X509Certificate2 authority, X509Certificate2 serving)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        ArgumentNullException.ThrowIfNull(serving);
        using ECDsa key = serving.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the serving certificate has no ECDSA private key");
        return new CertificateSecret(authorities, authority, serving, serving.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>
    /// Reads a stored Secret: it must carry the controller's label (a Secret someone else made is never taken over) and
    /// parse; throws <see cref="InvalidOperationException"/> naming it, and the key, otherwise. Null when it is the
    /// controller's but holds no data yet (deploy/controller ships it empty, so no one needs create on Secrets): fill it.
    /// </summary>
    public static CertificateSecret? Read(StoredSecret stored, string secret)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.ManagedByController)
        {
            throw new InvalidOperationException(
                $"secret \"{secret}\" (--tls-secret-name) exists but was not made by multinet-controller (no label {KubernetesSecretStore.ManagedByLabel}={KubernetesSecretStore.ManagedBy}): "
                + "delete it, name another Secret, or serve it with --tls-cert-file and --tls-private-key-file");
        }

        if (stored.Empty)
        {
            return null;
        }

        try
        {
            return Parse(stored.Data, secret);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"{e.Message}; the controller does not overwrite a Secret it cannot read: repair it, or delete it to have a new CA and certificate made", e);
        }
    }

    /// <summary>The same serving pair with another CA bundle (a new CA added, expired ones dropped).</summary>
    public CertificateSecret WithAuthorities(IReadOnlyList<X509Certificate2> authorities, X509Certificate2 authority) =>
        new(authorities, authority, Serving, CertificatePem, KeyPem);

    /// <summary>Reads the Secret's data; throws <see cref="InvalidOperationException"/> naming <paramref name="secret"/> and the key that is wrong.</summary>
    public static CertificateSecret Parse(IReadOnlyDictionary<string, byte[]> data, string secret)
    {
        ArgumentNullException.ThrowIfNull(data);
        string Source(string key) => $"secret \"{secret}\" key \"{key}\"";
        string Text(string key) => data.TryGetValue(key, out byte[]? bytes) && bytes.Length > 0
            ? Encoding.UTF8.GetString(bytes)
            : throw new InvalidOperationException($"{Source(key)}: missing or empty");

        string bundlePem = Text(CaBundleKey);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(bundlePem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{Source(CaBundleKey)}: not PEM certificates: {e.Message}", e);
        }

        if (authorities.Count == 0 || authorities.Any(a => a.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }))
        {
            throw new InvalidOperationException($"{Source(CaBundleKey)}: not PEM CA certificates (a \"-----BEGIN CERTIFICATE-----\" block each, marked as a CA)");
        }

        X509Certificate2 authority;
        try
        {
            using ECDsa key = ECDsa.Create();
            key.ImportFromPem(Text(CaKeyKey));
            authority = authorities[0].CopyWithPrivateKey(key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{Source(CaKeyKey)}: not the PEM ECDSA key of the first CA in \"{CaBundleKey}\": {e.Message}", e);
        }

        string certificatePem = Text(CertificateKey);
        string keyPem = Text(KeyKey);
        X509Certificate2 serving = ServingCertificatePem.Load(certificatePem, keyPem, Source(CertificateKey), Source(KeyKey));
        if (!SignedByOneOf(serving, authorities))
        {
            throw new InvalidOperationException($"{Source(CertificateKey)}: not signed by a CA in \"{CaBundleKey}\"");
        }

        return new CertificateSecret([.. authorities], authority, serving, certificatePem, keyPem);
    }

    /// <summary>The Secret data of these contents.</summary>
    public Dictionary<string, byte[]> ToData()
    {
        using ECDsa caKey = Authority.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the CA has no ECDSA private key");
        return new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [CaBundleKey] = Encoding.UTF8.GetBytes(CaBundlePem),
            [CaKeyKey] = Encoding.UTF8.GetBytes(caKey.ExportPkcs8PrivateKeyPem() + "\n"),
            [CertificateKey] = Encoding.UTF8.GetBytes(CertificatePem),
            [KeyKey] = Encoding.UTF8.GetBytes(KeyPem),
        };
    }

    /// <summary>True when <paramref name="certificate"/> was signed by <paramref name="authority"/>.</summary>
    public static bool SignedBy(X509Certificate2 certificate, X509Certificate2 authority) => SignedByOneOf(certificate, [authority]);

    private static bool SignedByOneOf(X509Certificate2 certificate, IEnumerable<X509Certificate2> authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }
}
