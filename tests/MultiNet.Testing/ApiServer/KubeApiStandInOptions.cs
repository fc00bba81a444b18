using System.Security.Cryptography.X509Certificates;

namespace MultiNet.Testing.ApiServer;

/// <summary>How a stand-in listens; the default is plain HTTP with a bearer token.</summary>
public sealed record KubeApiStandInOptions
{
    /// <summary>Serve HTTPS with this certificate (it must have its private key); null for plain HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Ask for client certificates and accept those that chain to this CA; such requests need no token.</summary>
    public X509Certificate2? ClientCertificateAuthority { get; init; }
}
