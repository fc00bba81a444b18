using System.Security.Cryptography.X509Certificates;

namespace MultiNet.Controller.Serving;

/// <summary>Where Kestrel gets the certificate for each handshake: files (<see cref="CertificateReloader"/>) or the Secret (<see cref="SecretCertificateSource"/>).</summary>
internal interface IServingCertificate
{
    /// <summary>The certificate to serve; null while there is none yet (a replica waiting for the leader's first Secret).</summary>
    X509Certificate2? Current { get; }

    /// <summary>Raised after a new certificate was loaded.</summary>
    event Action<X509Certificate2>? Reloaded;
}
