using System.Net.Security;
using System.Net.Sockets;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Client;

/// <summary>
/// One connection to one host: greeting, EHLO, opportunistic STARTTLS, then one mail transaction
/// for the recipients still undecided. See docs/smtp-client.md for how replies map to outcomes.
/// </summary>
internal sealed class SmtpDeliveryAttempt(ISmtpDialer dialer, SmtpOutboundOptions options, TimeProvider timeProvider)
{
    private static readonly EnhancedStatusCode NoAnswer = EnhancedStatusCodes.NoAnswerFromHost;
    private static readonly EnhancedStatusCode ConnectionLost = EnhancedStatusCodes.BadConnection;

    // RFC 3463 §3.8: X.7.5 "cryptographic failure"; Postfix says "4.7.5 Cannot start TLS: handshake failure".
    private static readonly EnhancedStatusCode TlsFailure = new(4, 7, 5);

    public async Task<HostAttemptResult> RunAsync(string host, int port, OutboundMessage message, IReadOnlyList<int> pending, bool useTls, CancellationToken cancellationToken)
    {
        Stream stream;
        try
        {
            using var timer = new CancellationTokenSource(options.Timeouts.Connect, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            stream = await dialer.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = ex is OperationCanceledException ? "timed out" : ex.Message;
            return HostAttemptResult.NextHost($"connect to {host}:{port} failed: {why}", null, NoAnswer, null);
        }

        var session = new SmtpClientSession(stream, host, options.Timeouts, timeProvider);
        await using (session.ConfigureAwait(false))
        {
            try
            {
                var greeting = await session.ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
                if (greeting.Code != 220)
                {
                    // RFC 5321 §3.1: 554 (or 421) instead of 220 refuses the session; try the next MX.
                    await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                    return HostAttemptResult.NextHost($"{host} refused the session: {greeting}", greeting, TransientStatus(greeting), host);
                }

                var hello = await session.HelloAsync(options.HeloName, cancellationToken).ConfigureAwait(false);
                if (!hello.IsPositive)
                {
                    await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                    return HostAttemptResult.NextHost($"{host} refused HELO/EHLO: {hello}", hello, TransientStatus(hello), host);
                }

                if (useTls && options.Tls == OpportunisticTls.Enabled && session.Capabilities.StartTls)
                {
                    SmtpReply startTls;
                    try
                    {
                        startTls = await session.StartTlsAsync(TlsOptions(host), cancellationToken).ConfigureAwait(false);
                    }
                    catch (SmtpTlsException ex)
                    {
                        return HostAttemptResult.NextHost(ex.Message, null, TlsFailure, host) with { TlsFailed = true };
                    }
                    if (startTls.Code == 220)
                    {
                        // RFC 3207 §4.2: discard what was learnt before TLS and send EHLO again.
                        hello = await session.HelloAsync(options.HeloName, cancellationToken).ConfigureAwait(false);
                        if (!hello.IsPositive)
                        {
                            await session.QuitAsync(cancellationToken).ConfigureAwait(false);
                            return HostAttemptResult.NextHost($"{host} refused EHLO after STARTTLS: {hello}", hello, TransientStatus(hello), host);
                        }
                    }
                }

                return await new SmtpTransaction(session, options.Timeouts, message, pending).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SmtpConnectionException ex)
            {
                // Lost before a transaction began: nothing was decided, the next host may do better.
                return HostAttemptResult.NextHost(ex.Message, null, ConnectionLost, host, session.Capabilities.Dsn);
            }
        }
    }

    /// <summary>A 5xx before the transaction (e.g. 554 greeting) still only defers: another MX may take it (Postfix smtp_skip_5xx_greeting).</summary>
    internal static EnhancedStatusCode TransientStatus(SmtpReply reply) =>
        reply.EnhancedCode?.WithClass(4) ?? EnhancedStatusCodes.OtherUndefinedTransient;

    /// <summary>
    /// Opportunistic TLS to an MX host: the certificate is not verified (RFC 7435 §1.3: encryption
    /// without authentication beats plaintext; MX host names are not authenticated without DANE or
    /// MTA-STS anyway). SNI carries the MX host name.
    /// </summary>
    private static SslClientAuthenticationOptions TlsOptions(string host) => new()
    {
        TargetHost = host,
#pragma warning disable CA5359 // Opportunistic TLS: see the summary and docs/smtp-client.md.
        RemoteCertificateValidationCallback = static (_, _, _, _) => true,
#pragma warning restore CA5359
    };
}
