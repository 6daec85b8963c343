using System.Security.Cryptography.X509Certificates;
using Kakunin.Certificates.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates.Acme;

/// <summary>
/// Keeps an ACME certificate for the configured names: obtains one when there is none (or it does not cover the names),
/// renews at <see cref="AcmeOptions.RenewAtFractionOfLifetime"/> of its lifetime, and after a failure tries again with
/// a doubling delay. Whatever fails, the store goes on serving the certificate it has (docs/certificates.md).
/// </summary>
public sealed class AcmeRenewalService(
    AcmeOptions options,
    IReadOnlyList<string> names,
    AcmeStorage storage,
    CertificateStore store,
    Http01ChallengeResponder http01,
    TlsAlpn01ChallengeResponder tlsAlpn01,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<AcmeRenewalService> logger) : BackgroundService
{
    /// <summary>When the saved certificate should be replaced: now if there is none or it lacks a name.</summary>
    public DateTimeOffset RenewalDue()
    {
        using var leaf = storage.LoadLeaf(names);
        return leaf is null ? DateTimeOffset.MinValue : RenewalDue(leaf, names, options.RenewAtFractionOfLifetime);
    }

    /// <summary>NotBefore + fraction × lifetime, or MinValue when the certificate does not cover every name.</summary>
    public static DateTimeOffset RenewalDue(X509Certificate2 leaf, IReadOnlyList<string> names, double fraction)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var covered = PemCertificateLoader.NamesOf(leaf);
        if (!names.All(n => covered.Contains(n, StringComparer.Ordinal)))
        {
            return DateTimeOffset.MinValue;
        }

        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        return notBefore + ((notAfter - notBefore) * fraction);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The challenge answers are served by this process's own listeners: wait until they listen.
        await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
        using var http = AcmeHttp.Create(options);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = RenewalDue();
            var now = time.GetUtcNow();
            if (due > now)
            {
                var file = storage.CertificateFile(names);
                AcmeLog.NotDue(logger, names, file, due);
                await Task.Delay(Min(due - now, options.CheckInterval), time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await ObtainAsync(http, stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (Exception ex) when (ex is AcmeException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException && !stoppingToken.IsCancellationRequested)
            {
                var delay = Min(options.RetryDelay * Math.Pow(2, Math.Min(failures, 20)), options.MaxRetryDelay);
                failures++;
                var serving = store.Select(names[0])?.ToString() ?? "nothing";
                AcmeLog.Failed(logger, names, ex.Message, delay, serving);
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ObtainAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var directoryUrl = new Uri(options.DirectoryUrl);
        using var accountKey = AcmeAccountKey.LoadOrCreate(storage.AccountKeyFile(directoryUrl));
        var client = await AcmeClient.ConnectAsync(http, directoryUrl, accountKey, cancellationToken).ConfigureAwait(false);
        var account = await client.RegisterAsync(options.Email, cancellationToken).ConfigureAwait(false);
        var terms = client.Directory.Meta?.TermsOfService ?? "none given";
        AcmeLog.Ordering(logger, options.DirectoryUrl, names, options.Challenge, account, terms);
        var issuer = new AcmeIssuer(client, accountKey, http01, tlsAlpn01, time, logger);
        var issued = await issuer.IssueAsync(names, options.Challenge, options.OrderTimeout, cancellationToken).ConfigureAwait(false);
        var file = storage.Save(names, issued);
        store.Refresh();
        using var leaf = X509Certificate2.CreateFromPem(issued.ChainPem);
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        var due = RenewalDue(leaf, names, options.RenewAtFractionOfLifetime);
        AcmeLog.Obtained(logger, names, options.DirectoryUrl, notAfter, file, due);
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
