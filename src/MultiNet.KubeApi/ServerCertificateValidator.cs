using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MultiNet.KubeApi;

/// <summary>
/// Checks the API server's certificate against the endpoint's CA only (the kubeconfig's, not the system store), the way
/// client-go does; checks the name against <c>tls-server-name</c> when one is set, else the URL's host; remembers why
/// the last check failed so the error can say it.
/// </summary>
internal sealed class ServerCertificateValidator(X509Certificate2Collection? roots, bool insecure, string? serverName)
{
    private string? _lastFailure;

    /// <summary>Why the most recent handshake was refused, or null.</summary>
    public string? LastFailure => Volatile.Read(ref _lastFailure);

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (insecure)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Fail("the server sent no certificate");
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (serverName is not null ? !presented.MatchesHostname(serverName) : errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return Fail($"the server certificate does not name the host{(serverName is null ? "" : $" \"{serverName}\"")}");
        }

        if (roots is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None
                || Fail("the server certificate is not trusted by the system trust store");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (custom.Build(presented))
        {
            return true;
        }

        var reasons = string.Join(", ", custom.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return Fail($"the server certificate does not chain to the configured certificate-authority ({reasons})");
    }

    private bool Fail(string reason)
    {
        Volatile.Write(ref _lastFailure, reason);
        return false;
    }
}
