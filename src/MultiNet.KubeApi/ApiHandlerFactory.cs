using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MultiNet.Cni.Protocol;

namespace MultiNet.KubeApi;

/// <summary>Builds the HTTP handler for an endpoint: TLS trust in its CA, its client certificate, connect timeout.</summary>
internal static class ApiHandlerFactory
{
    public static (SocketsHttpHandler Handler, ServerCertificateValidator? Validator) Create(ApiEndpoint endpoint, ThinApiClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            AllowAutoRedirect = false,
            // Setting up the system proxy costs the plugin ~10 ms at start; only pay it when a proxy is configured.
            UseProxy = ProxyConfigured(),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (endpoint.Server.Scheme != Uri.UriSchemeHttps)
        {
            return (handler, null);
        }

        var validator = new ServerCertificateValidator(Roots(endpoint), endpoint.InsecureSkipTlsVerify, endpoint.TlsServerName);
        var ssl = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validator.Validate };

        if (ClientCertificate(endpoint) is { } client)
        {
            ssl.ClientCertificates = [client];
            // The server's list of acceptable issuers must not stop us from offering the one certificate we have.
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => client;
        }

        handler.SslOptions = ssl;
        return (handler, validator);
    }

    private static bool ProxyConfigured() =>
        new[] { "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY" }
            .Any(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));

    private static X509Certificate2Collection? Roots(ApiEndpoint endpoint)
    {
        if (endpoint.CaCertificatePem is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(Encoding.ASCII.GetString(endpoint.CaCertificatePem));
        }
        catch (CryptographicException e)
        {
            throw new CniException(CniErrorCode.InvalidConfig, $"{endpoint.Source}: certificate-authority is not a valid PEM certificate", null, e);
        }

        return roots.Count > 0
            ? roots
            : throw new CniException(CniErrorCode.InvalidConfig, $"{endpoint.Source}: certificate-authority holds no PEM certificate");
    }

    private static X509Certificate2? ClientCertificate(ApiEndpoint endpoint)
    {
        if (endpoint.ClientCertificatePem is null || endpoint.ClientKeyPem is null)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(endpoint.ClientCertificatePem),
                Encoding.ASCII.GetString(endpoint.ClientKeyPem));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new CniException(CniErrorCode.InvalidConfig,
                $"{endpoint.Source}: client-certificate and client-key are not a valid PEM certificate and matching key", null, e);
        }
    }
}
