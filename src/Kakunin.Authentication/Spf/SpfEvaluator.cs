using System.Net;
using Kakunin.Authentication.Dns;

namespace Kakunin.Authentication.Spf;

/// <summary>
/// The Sender Policy Framework check of RFC 7208, written here by hand because no maintained .NET SPF library is
/// served from our package registry (ARSoft.Tools.Net is not among the packages we may use). It follows the RFC's
/// check_host() algorithm (§4), mechanisms (§5), modifiers (§6), macros (§7) and processing limits (§4.6.4), and is
/// cross-checked against Debian's python3-spf (tests/Kakunin.Authentication.Tests/CrossCheck).
/// </summary>
public sealed class SpfEvaluator
{
    private readonly IAuthDns _dns;
    private readonly SpfOptions _options;
    private readonly TimeProvider _time;

    public SpfEvaluator(IAuthDns dns, SpfOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dns);
        (_dns, _options, _time) = (dns, options ?? new SpfOptions(), time ?? TimeProvider.System);
    }

    /// <summary>
    /// check_host(<paramref name="client"/>, <paramref name="domain"/>, <paramref name="sender"/>) of RFC 7208 §4.
    /// Never throws for anything DNS or a record does; the deadline (§4.6.4) gives temperror.
    /// </summary>
    /// <param name="sender">local-part@domain; a sender without a local part is taken as postmaster (§4.3).</param>
    public async Task<SpfOutcome> CheckHostAsync(IPAddress client, string domain, string sender, string helo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(sender);
        var at = sender.LastIndexOf('@');
        if (at <= 0) sender = "postmaster@" + (at < 0 ? sender : sender[1..]); // RFC 7208 §4.3: empty local-part → "postmaster"
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Deadline);
        try
        {
            return await new SpfEvaluation(_dns, _options, client, sender, helo ?? "", _time.GetUtcNow(), deadline.Token).RunAsync(domain).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SpfOutcome(AuthResult.TempError, Problem: $"SPF evaluation took longer than {_options.Deadline.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// The check a receiver makes (RFC 7208 §2.4): the MAIL FROM identity, or the HELO identity (as
    /// postmaster@HELO) when MAIL FROM is the null reverse-path.
    /// </summary>
    /// <param name="mailFrom">The MAIL FROM address, or null/empty for &lt;&gt;.</param>
    public async Task<(SpfCheck Check, SpfOutcome Outcome)> CheckAsync(IPAddress client, string? mailFrom, string? helo, CancellationToken cancellationToken)
    {
        helo = (helo ?? "").Trim();
        if (string.IsNullOrEmpty(mailFrom))
        {
            // RFC 7208 §2.3: an address literal or other non-domain HELO gives "none" (check_host §4.3 does that).
            var outcome = await CheckHostAsync(client, helo, "postmaster@" + helo, helo, cancellationToken).ConfigureAwait(false);
            return (new SpfCheck(outcome.Result, helo.ToLowerInvariant(), "helo"), outcome);
        }

        var domain = mailFrom[(mailFrom.LastIndexOf('@') + 1)..].TrimEnd('.');
        var result = await CheckHostAsync(client, domain, mailFrom, helo, cancellationToken).ConfigureAwait(false);
        return (new SpfCheck(result.Result, domain.ToLowerInvariant(), "mailfrom"), result);
    }
}
