using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiNet.Controller.Serving;

/// <summary>Turns a PEM certificate and key into a certificate Kestrel can serve, with errors that name where each came from.</summary>
internal static class ServingCertificatePem
{
    private static readonly string[] KeyLabels = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"];

    /// <summary>
    /// Loads the pair; <paramref name="certificateSource"/> and <paramref name="keySource"/> name them in errors
    /// (e.g. <c>--tls-cert-file "/etc/tls/tls.crt"</c>, <c>secret "kube-system/x" key "tls.key"</c>). Throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static X509Certificate2 Load(string certificatePem, string keyPem, string certificateSource, string keySource)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(keyPem);
        if (!HasLabel(certificatePem, "CERTIFICATE"))
        {
            throw new InvalidOperationException($"{certificateSource}: no PEM certificate (a \"-----BEGIN CERTIFICATE-----\" block)");
        }

        if (!KeyLabels.Any(label => HasLabel(keyPem, label)))
        {
            throw new InvalidOperationException($"{keySource}: no PEM private key (a \"-----BEGIN PRIVATE KEY-----\", EC or RSA block)");
        }

        X509Certificate2 pem;
        try
        {
            pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{keySource}: the private key is malformed or does not match the certificate in {certificateSource}: {e.Message}", e);
        }

        using (pem)
        {
            // Re-import as PKCS#12 so the key is usable by SslStream on every platform, not only as an ephemeral key.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>True when <paramref name="pem"/> holds a block with this label.</summary>
    public static bool HasLabel(string pem, string label)
    {
        ReadOnlySpan<char> rest = pem;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            if (rest[fields.Label].SequenceEqual(label))
            {
                return true;
            }

            rest = rest[fields.Location.End..];
        }

        return false;
    }
}
