using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates.Acme;

/// <summary>A certificate fresh from the authority: the PEM chain (leaf first) and its PEM private key.</summary>
public sealed record IssuedCertificate(string ChainPem, string KeyPem);

/// <summary>
/// One certificate order from start to chain (RFC 8555 §7.4): new order, prove each name with the configured challenge
/// (§7.5, §8.3 HTTP-01 or RFC 8737 TLS-ALPN-01), finalize with a CSR for a new key, download the chain.
/// </summary>
public sealed class AcmeIssuer(
    AcmeClient client,
    AcmeAccountKey accountKey,
    Http01ChallengeResponder http01,
    TlsAlpn01ChallengeResponder tlsAlpn01,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(10);

    public async Task<IssuedCertificate> IssueAsync(IReadOnlyList<string> names, string challengeType, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await IssueWithinAsync(names, challengeType, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AcmeException($"ACME server {client.DirectoryUrl} did not issue a certificate for {string.Join(", ", names)} within {timeout.TotalSeconds:0} s", ex);
        }
    }

    private async Task<IssuedCertificate> IssueWithinAsync(IReadOnlyList<string> names, string challengeType, CancellationToken cancellationToken)
    {
        var (orderUrl, order) = await client.NewOrderAsync(names, cancellationToken).ConfigureAwait(false);
        // RFC 8555 §7.1.3: an authorization may already be valid (the server reused it); only pending ones need proof.
        foreach (var authorizationUrl in order.Authorizations)
        {
            await AuthorizeAsync(authorizationUrl, challengeType, cancellationToken).ConfigureAwait(false);
        }

        order = await PollOrderAsync(orderUrl, "ready", cancellationToken).ConfigureAwait(false);
        using var certificateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (order.Status == "ready")
        {
            order = await client.FinalizeAsync(order.Finalize, CreateCsr(names, certificateKey), cancellationToken).ConfigureAwait(false);
        }

        if (order.Status != "valid")
        {
            order = await PollOrderAsync(orderUrl, "valid", cancellationToken).ConfigureAwait(false);
        }

        var certificateUrl = order.Certificate ?? throw new AcmeException($"ACME server {orderUrl}: the order is valid but names no certificate URL");
        var chain = await client.DownloadCertificateAsync(certificateUrl, cancellationToken).ConfigureAwait(false);
        return new IssuedCertificate(chain, certificateKey.ExportPkcs8PrivateKeyPem());
    }

    private async Task AuthorizeAsync(string url, string challengeType, CancellationToken cancellationToken)
    {
        var (authorization, _) = await client.GetAuthorizationAsync(url, cancellationToken).ConfigureAwait(false);
        var name = authorization.Identifier.Value;
        if (authorization.Status == "valid")
        {
            return;
        }

        if (authorization.Status != "pending")
        {
            throw new AcmeException($"ACME server {url}: the authorization for {name} is {authorization.Status}");
        }

        var challenge = authorization.Challenges.FirstOrDefault(c => c.Type == challengeType)
            ?? throw new AcmeException($"ACME server {url} offers no {challengeType} challenge for {name} (it offers {string.Join(", ", authorization.Challenges.Select(c => c.Type))})");
        var token = challenge.Token ?? throw new AcmeException($"ACME server {challenge.Url}: the {challengeType} challenge has no token");
        var keyAuthorization = accountKey.KeyAuthorization(token);
        Open(challengeType, name, token, keyAuthorization);
        try
        {
            await client.RespondToChallengeAsync(challenge.Url, cancellationToken).ConfigureAwait(false);
            var delay = FirstPoll;
            while (true)
            {
                (authorization, var retryAfter) = await client.GetAuthorizationAsync(url, cancellationToken).ConfigureAwait(false);
                if (authorization.Status == "valid")
                {
                    AcmeLog.Validated(logger, name, challengeType);
                    return;
                }

                if (authorization.Status != "pending")
                {
                    var problem = authorization.Challenges.FirstOrDefault(c => c.Type == challengeType)?.Error;
                    throw new AcmeException($"ACME server {url}: {challengeType} validation of {name} failed: {problem?.Detail ?? authorization.Status} ({problem?.Type ?? "no error type"})", problem?.Type);
                }

                delay = await WaitAsync(retryAfter, delay, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Close(challengeType, name, token);
        }
    }

    /// <summary>RFC 8555 §7.4: polls the order until it reaches <paramref name="wanted"/> (or "valid"), honouring Retry-After.</summary>
    private async Task<AcmeOrder> PollOrderAsync(string url, string wanted, CancellationToken cancellationToken)
    {
        var delay = FirstPoll;
        while (true)
        {
            var (order, retryAfter) = await client.GetOrderAsync(url, cancellationToken).ConfigureAwait(false);
            if (order.Status == wanted || order.Status == "valid")
            {
                return order;
            }

            if (order.Status == "invalid")
            {
                throw new AcmeException($"ACME server {url}: the order became invalid: {order.Error?.Detail ?? "no detail"} ({order.Error?.Type ?? "no error type"})", order.Error?.Type);
            }

            delay = await WaitAsync(retryAfter, delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TimeSpan> WaitAsync(TimeSpan? retryAfter, TimeSpan delay, CancellationToken cancellationToken)
    {
        var wait = retryAfter is { } asked ? TimeSpan.FromTicks(Math.Clamp(asked.Ticks, FirstPoll.Ticks, LongestPoll.Ticks * 3)) : delay;
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        return TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
    }

    private void Open(string challengeType, string name, string token, string keyAuthorization)
    {
        if (challengeType == AcmeChallengeTypes.TlsAlpn01)
        {
            tlsAlpn01.Open(name, keyAuthorization, time.GetUtcNow());
        }
        else
        {
            http01.Open(token, keyAuthorization);
        }
    }

    private void Close(string challengeType, string name, string token)
    {
        if (challengeType == AcmeChallengeTypes.TlsAlpn01)
        {
            tlsAlpn01.Close(name);
        }
        else
        {
            http01.Close(token);
        }
    }

    /// <summary>RFC 8555 §7.4: a PKCS#10 CSR (RFC 2986) naming every identifier of the order in subjectAltName.</summary>
    internal static byte[] CreateCsr(IReadOnlyList<string> names, ECDsa key)
    {
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256);
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            alternativeNames.AddDnsName(name);
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        return request.CreateSigningRequest();
    }
}
