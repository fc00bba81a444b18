using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MultiNet.Controller.Configuration;
using MultiNet.Controller.Logging;

namespace MultiNet.Controller.Certificates;

/// <summary>
/// One round of the leader's certificate work: make the Secret when there is none (or fill it when it is the controller's and empty), renew the CA and the serving
/// certificate when a third of their validity is left, and keep every webhook's caBundle equal to the Secret's CAs.
/// A new CA goes into the bundle next to the old one first; certificates are signed with it only once the webhook
/// configuration has trusted it for <see cref="SelfManagedCertificateOptions.CaPublishGrace"/>, so a replica still
/// serving the old certificate stays trusted; the old CA leaves the bundle when it expires. A Secret that is not the
/// controller's, or that does not parse, is never overwritten.
/// </summary>
internal sealed class CertificateRotation(
    ISecretStore secrets, IWebhookCaBundle webhooks, SelfManagedCertificateOptions options, IReadOnlyList<string> dnsNames, TimeProvider time,
    ILogger<CertificateRotation> logger)
{
    /// <summary>The Service names the serving certificate must carry: <c>svc.ns.svc</c> and <c>svc.ns.svc.cluster.local</c>.</summary>
    public static IReadOnlyList<string> ServiceNames(string service, string ns) => [$"{service}.{ns}.svc", $"{service}.{ns}.svc.cluster.local"];

    /// <summary>Runs one round; returns what the Secret holds afterwards, or null when another writer was first (the next round looks again).</summary>
    public async Task<CertificateSecret?> ReconcileAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        WebhookCaBundles read = await webhooks.GetAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(string Webhook, string CaBundle)> hooks = read.Webhooks;
        StoredSecret? stored = await secrets.GetAsync(cancellationToken).ConfigureAwait(false);
        CertificateSecret? current = stored is null ? null : CertificateSecret.Read(stored, secrets.Name);
        (CertificateSecret next, string? change) = current is null ? (Fresh(now), "created a CA and a serving certificate") : Renewed(current, hooks, now);
        if (change is not null)
        {
            bool written = stored is null
                ? await secrets.CreateAsync(next.ToData(), cancellationToken).ConfigureAwait(false)
                : await secrets.ReplaceAsync(next.ToData(), stored.ResourceVersion, cancellationToken).ConfigureAwait(false);
            if (!written)
            {
                return null;
            }

            logger.CertificateSecretWritten(secrets.Name, change);
        }

        string bundle = next.CaBundlePem;
        if (hooks.Any(h => h.CaBundle != bundle))
        {
            if (!await webhooks.SetAsync(read, bundle, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            logger.CaBundleWritten(webhooks.Name, hooks.Count, next.Authorities.Count);
        }

        return next;
    }

    private CertificateSecret Fresh(DateTimeOffset now)
    {
        X509Certificate2 authority = CertificateIssuer.CreateAuthority("multinet-controller-ca", now, options.CaValidity);
        return CertificateSecret.From([authority], authority, CertificateIssuer.IssueServing(authority, dnsNames, now, options.CertificateValidity));
    }

    private (CertificateSecret Next, string? Change) Renewed(CertificateSecret current, IReadOnlyList<(string Webhook, string CaBundle)> hooks, DateTimeOffset now)
    {
        var changes = new List<string>();

        // Expired CAs leave the bundle: a certificate never outlives the CA that signed it, so nothing served needs them.
        List<X509Certificate2> authorities = [current.Authorities[0], .. current.Authorities.Skip(1).Where(a => a.NotAfter.ToUniversalTime() > now)];
        if (authorities.Count < current.Authorities.Count)
        {
            changes.Add("dropped expired CAs");
        }

        X509Certificate2 authority = current.Authority;
        if (CertificateIssuer.NeedsRenewal(authority, now))
        {
            authority = CertificateIssuer.CreateAuthority("multinet-controller-ca", now, options.CaValidity);
            authorities.Insert(0, authority);
            changes.Add("added a new CA next to the old one");
        }

        string authorityPem = authority.ExportCertificatePem();
        bool trusted = hooks.Count > 0 && hooks.All(h => h.CaBundle.Contains(authorityPem, StringComparison.Ordinal))
            && now >= authority.NotBefore.ToUniversalTime() + CertificateIssuer.Backdate + options.CaPublishGrace;
        bool stale = !CertificateSecret.SignedBy(current.Serving, authority) || CertificateIssuer.NeedsRenewal(current.Serving, now)
            || !DnsNames(current.Serving).SequenceEqual(dnsNames);
        if (changes.Count == 0 && !(stale && trusted))
        {
            return (current, null);
        }

        if (stale && trusted)
        {
            changes.Add("renewed the serving certificate");
            return (CertificateSecret.From(authorities, authority, CertificateIssuer.IssueServing(authority, dnsNames, now, options.CertificateValidity)), string.Join(", ", changes));
        }

        return (current.WithAuthorities(authorities, authority), string.Join(", ", changes));
    }

    private static IEnumerable<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault()?.EnumerateDnsNames() ?? [];
}
