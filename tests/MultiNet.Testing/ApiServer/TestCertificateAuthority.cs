using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiNet.Testing.ApiServer;

/// <summary>A throw-away CA issuing server and client certificates for TLS tests, like a cluster's CA does.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM (what a kubeconfig's certificate-authority holds).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Creates a self-signed CA.</summary>
    public static TestCertificateAuthority Create(string commonName = "multinet-test-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)));
    }

    /// <summary>Issues a server certificate for 127.0.0.1, ::1 and localhost (plus <paramref name="dnsNames"/>), with its key.</summary>
    public X509Certificate2 IssueServer(params string[] dnsNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return Issue(request).CopyWithPrivateKey(key);
    }

    /// <summary>Issues a client certificate (RSA, as kubeadm's are) for <paramref name="commonName"/>; returns it with its key.</summary>
    public X509Certificate2 IssueClient(string commonName, string? organization = null)
    {
        using var key = RSA.Create(2048);
        var subject = organization is null ? $"CN={commonName}" : $"CN={commonName}, O={organization}";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return Issue(request).CopyWithPrivateKey(key);
    }

    /// <summary>The private key of a certificate this CA issued, as PEM ("RSA PRIVATE KEY" for RSA, "EC PRIVATE KEY" for EC).</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is not null)
        {
            return rsa.ExportRSAPrivateKeyPem();
        }

        using var ec = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the certificate has no private key", nameof(certificate));
        return ec.ExportECPrivateKeyPem();
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private X509Certificate2 Issue(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        // The generator form lets an EC CA sign RSA requests too.
        using var caKey = Certificate.GetECDsaPrivateKey()!;
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            now.AddMinutes(-5), now.AddHours(12), serial);
    }
}
