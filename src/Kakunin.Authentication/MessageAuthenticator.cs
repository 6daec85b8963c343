using Kakunin.Authentication.Dkim;
using Kakunin.Authentication.Dmarc;
using Kakunin.Authentication.Dns;
using Kakunin.Authentication.Spf;
using MimeKit;

namespace Kakunin.Authentication;

/// <summary>
/// Everything this server checks about a message it receives: SPF of MAIL FROM (or HELO), every DKIM signature,
/// DMARC for the From domain, and the ARC chain when there is one. Submitted mail (an authenticated user or a
/// trusted network) is recorded as auth=pass without further checks. Never throws for anything the message or the
/// DNS does: each problem becomes a result word (RFC 8601 §2.7).
/// </summary>
public sealed class MessageAuthenticator
{
    private readonly string _authservId;
    private readonly SpfEvaluator _spf;
    private readonly DkimChecker _dkim;
    private readonly ArcChecker _arc;
    private readonly DmarcEvaluator _dmarc;

    /// <param name="authservId">This server's host name, the authserv-id of its Authentication-Results (RFC 8601 §2.5).</param>
    public MessageAuthenticator(string authservId, IAuthDns dns, IOrganizationalDomains organizational, SpfOptions? spf = null, Func<int>? dmarcPercentile = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authservId);
        ArgumentNullException.ThrowIfNull(dns);
        ArgumentNullException.ThrowIfNull(organizational);
        _authservId = authservId;
        _spf = new SpfEvaluator(dns, (spf ?? new SpfOptions()) with { Receiver = authservId }, time);
        var locator = new DnsDkimKeyLocator(dns);
        _dkim = new DkimChecker(locator);
        _arc = new ArcChecker(locator);
        _dmarc = new DmarcEvaluator(dns, organizational, dmarcPercentile);
        Organizational = organizational;
    }

    /// <summary>The organizational-domain rule this authenticator uses (for alignment decisions by its callers).</summary>
    public IOrganizationalDomains Organizational { get; }

    /// <summary>
    /// Checks a message. <paramref name="content"/> is read from its current position and, when seekable, left
    /// there again; the message is parsed with its content left on the stream (a spool file stays on disk).
    /// </summary>
    public async Task<AuthenticatedMessage> AuthenticateAsync(AuthenticationRequest request, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(content);
        if (request.AuthenticatedUser is { } user)
            return new AuthenticatedMessage(new MessageAuthentication(_authservId, user, null, [], null), [], null, null, []);

        var start = content.CanSeek ? content.Position : 0;
        var problems = new List<string>();
        MimeMessage? message = null;
        try
        {
            message = await MimeMessage.LoadAsync(ParserOptions.Default, content, persistent: content.CanSeek, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            problems.Add($"message not parsed: {e.Message}"); // no header to check DKIM or DMARC against; SPF still applies
        }

        try
        {
            // SPF asks DNS only, DKIM and ARC read the message: in parallel, so a message waits for the slower, not the
            // sum. DKIM and ARC one after the other, as both read the same content stream.
            var spfTask = request.Client is { } client
                ? _spf.CheckAsync(client, request.MailFrom, request.Helo, cancellationToken)
                : Task.FromResult<(SpfCheck, SpfOutcome)>((null!, null!));
            var signaturesTask = message is null
                ? Task.FromResult<(IReadOnlyList<DkimCheck>, AuthResult)>(([], AuthResult.None))
                : SignaturesAsync(message, cancellationToken);
            var (spf, spfOutcome) = await spfTask.ConfigureAwait(false);
            var (dkim, arc) = await signaturesTask.ConfigureAwait(false);
            if (spfOutcome?.Problem is { } spfProblem && spfOutcome.Result is AuthResult.TempError or AuthResult.PermError) problems.Add("spf: " + spfProblem);

            var fromDomains = message is null ? [] : FromDomains(message);
            DmarcOutcome? dmarc = null;
            if (fromDomains.Count > 0)
            {
                // RFC 7489 §6.6.1: several From domains are evaluated here by the first; the policy above looks at all.
                dmarc = await _dmarc.EvaluateAsync(fromDomains[0], spf, dkim, cancellationToken).ConfigureAwait(false);
                if (dmarc.Problem is { } p && dmarc.Check.Result is AuthResult.TempError or AuthResult.PermError) problems.Add("dmarc: " + p);
            }

            var authentication = new MessageAuthentication(_authservId, null, spf, dkim, dmarc?.Check, arc);
            var applied = dmarc?.Check.Result == AuthResult.Fail ? dmarc.Applied : null;
            return new AuthenticatedMessage(authentication, fromDomains, applied, spfOutcome?.Explanation, problems);
        }
        finally
        {
            if (content.CanSeek) content.Position = start;
        }
    }

    private async Task<(IReadOnlyList<DkimCheck>, AuthResult)> SignaturesAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var dkim = await _dkim.VerifyAsync(message, cancellationToken).ConfigureAwait(false);
        return (dkim, await _arc.VerifyAsync(message, cancellationToken).ConfigureAwait(false));
    }

    private static List<string> FromDomains(MimeMessage message) =>
        [.. message.From.Mailboxes
            .Select(m => m.Domain?.Trim().TrimEnd('.').ToLowerInvariant() ?? "")
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)];
}
