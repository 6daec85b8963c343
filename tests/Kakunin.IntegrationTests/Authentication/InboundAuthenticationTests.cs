using System.Text;
using Kakunin.Authentication;
using Kakunin.Store;
using MimeKit;

namespace Kakunin.IntegrationTests.Authentication;

/// <summary>
/// Authentication of incoming mail against a real server and a real DNS server (NSD): what a sender sees at end of
/// DATA, and what lands in the recipient's mailbox (read from the server's own SQLite store).
/// </summary>
public sealed class InboundAuthenticationTests(AuthenticationFixture fixture) : IClassFixture<AuthenticationFixture>
{
    private const string AuthservId = "mx.example.test";

    private KakuninProcess Server => fixture.Server;

    /// <summary>Port 25, no AUTH: the reply to the end of DATA.</summary>
    private async Task<string> SendInboundAsync(string mailFrom, string content, string helo = "client.peer.test")
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(Server.SmtpPort);
        Assert.StartsWith("250", await smtp.CommandAsync($"EHLO {helo}"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"MAIL FROM:<{mailFrom}>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
        await smtp.SendAsync(content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n.\r\n");
        var reply = await smtp.ReadReplyAsync();
        await smtp.CommandAsync("QUIT");
        return reply;
    }

    private static string Plain(string from, string subject, string extraHeaders = "") =>
        $"{extraHeaders}From: <{from}>\nTo: <{ServerFixture.Bob}>\nSubject: {subject}\nMessage-ID: <{Guid.NewGuid():N}@peer.test>\n\nHello Bob.\n";

    private async Task<MessageAuthentication> StoredVerdictAsync(string folder, string subject)
    {
        var message = await Server.WaitForMessageAsync(ServerFixture.Bob, folder, m => m.Subject == subject, $"'{subject}' in Bob's {folder}");
        // RFC 8601 §5: ours is the topmost field (after the Return-Path local delivery adds), and the only one with our id.
        Assert.Equal(["Return-Path", "Authentication-Results"], message.Headers.Take(2).Select(h => h.Field));
        Assert.Single(message.Headers, h => h.Field == "Authentication-Results" && h.Value.TrimStart().StartsWith(AuthservId, StringComparison.OrdinalIgnoreCase));
        return MessageAuthentication.FromHeaders(message.Headers, AuthservId)!;
    }

    [Fact]
    public async Task Mail_failing_DMARC_of_a_reject_domain_is_refused_at_end_of_DATA_and_never_stored()
    {
        var subject = ServerFixture.Unique("dmarc reject");
        var reply = await SendInboundAsync($"ceo@{AuthenticationZones.Reject}", Plain($"ceo@{AuthenticationZones.Reject}", subject));
        Assert.StartsWith("550 5.7.1", reply, StringComparison.Ordinal);
        Assert.Contains($"DMARC policy of {AuthenticationZones.Reject} says reject", reply, StringComparison.Ordinal);
        // The server logs the verdict before it replies, but its output reaches the test through a pipe read on
        // another thread: wait for the line rather than expect it there already (a busy machine once saw it missing).
        await Server.WaitForAsync(() => Task.FromResult(Server.Log.Contains("dmarc=fail header.from=reject.test policy.dmarc=reject", StringComparison.Ordinal)),
            "the DMARC verdict in the server log", seconds: 10);
        Assert.DoesNotContain(await Server.FolderAsync(ServerFixture.Bob, MailFolders.Inbox), m => m.Subject == subject);
    }

    [Fact]
    public async Task Our_own_domain_on_port_25_is_refused_and_the_same_From_over_authenticated_submission_is_accepted()
    {
        var forged = ServerFixture.Unique("spoofed alice");
        var reply = await SendInboundAsync(ServerFixture.Alice, Plain(ServerFixture.Alice, forged));
        Assert.StartsWith("550 5.7.1", reply, StringComparison.Ordinal);
        Assert.Contains("example.test, a domain of this server, must come from its users over authenticated submission", reply, StringComparison.Ordinal);

        // An envelope that passes SPF (good.test lists loopback) does not vouch for a From of ours.
        var headerOnly = ServerFixture.Unique("spoofed header");
        reply = await SendInboundAsync($"news@{AuthenticationZones.Good}", Plain(ServerFixture.Alice, headerOnly));
        Assert.StartsWith("550 5.7.1", reply, StringComparison.Ordinal);

        var genuine = ServerFixture.Unique("from alice herself");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(ServerFixture.Alice));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Subject = genuine;
        message.Body = new TextPart("plain") { Text = "Signed in, over submission." };
        using (var client = await DsnSmtpClient.ConnectAsync(Server, ServerFixture.Alice))
        {
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        var verdict = await StoredVerdictAsync(MailFolders.Inbox, genuine);
        Assert.Equal(ServerFixture.Alice, verdict.AuthenticatedUser); // auth=pass smtp.auth=alice@example.test
        Assert.Null(verdict.Spf); // submitted mail: no SPF or DMARC checks
        Assert.Null(verdict.Dmarc);
        var all = await Server.FolderAsync(ServerFixture.Bob, MailFolders.Inbox);
        Assert.DoesNotContain(all, m => m.Subject == forged || m.Subject == headerOnly);
    }

    [Fact]
    public async Task A_signed_message_from_a_good_sender_is_stored_with_our_verdict_on_top_and_forged_verdicts_removed()
    {
        var subject = ServerFixture.Unique("signed");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse($"news@{AuthenticationZones.Good}"));
        message.To.Add(MailboxAddress.Parse(ServerFixture.Bob));
        message.Subject = subject;
        message.MessageId = $"{Guid.NewGuid():N}@good.test";
        message.Body = new TextPart("plain") { Text = "Your invoice.\r\n" };
        var signed = Encoding.ASCII.GetString(fixture.Zones.SignAsGood(message));
        // Fields that claim our authserv-id come from outside: they must not survive (RFC 8601 §5).
        var forged = $"Authentication-Results: {AuthservId}; dkim=pass header.d=bank.test\r\nAuthentication-Results: MX.EXAMPLE.TEST ; spf=pass smtp.mailfrom=bank.test\r\n";
        var reply = await SendInboundAsync($"news@{AuthenticationZones.Good}", forged + signed, helo: "mail.good.test");
        Assert.StartsWith("250", reply, StringComparison.Ordinal);

        var verdict = await StoredVerdictAsync(MailFolders.Inbox, subject);
        Assert.Equal(new SpfCheck(AuthResult.Pass, AuthenticationZones.Good), verdict.Spf);
        Assert.Equal(new DkimCheck(AuthResult.Pass, AuthenticationZones.Good, "s1", "rsa-sha256"), Assert.Single(verdict.Dkim));
        Assert.Equal(new DmarcCheck(AuthResult.Pass, AuthenticationZones.Good, "reject"), verdict.Dmarc);
        var stored = await Server.FolderAsync(ServerFixture.Bob, MailFolders.Inbox);
        Assert.DoesNotContain("bank.test", stored.Single(m => m.Subject == subject).Headers.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quarantine_policy_failure_is_accepted_into_Junk_with_the_result_recorded()
    {
        var subject = ServerFixture.Unique("quarantined");
        var reply = await SendInboundAsync($"promo@{AuthenticationZones.Quarantine}", Plain($"promo@{AuthenticationZones.Quarantine}", subject));
        Assert.StartsWith("250", reply, StringComparison.Ordinal);
        var verdict = await StoredVerdictAsync(MailFolders.Junk, subject);
        Assert.Equal(new DmarcCheck(AuthResult.Fail, AuthenticationZones.Quarantine, "quarantine"), verdict.Dmarc);
        Assert.Equal(AuthResult.Fail, verdict.Spf!.Result);
    }

    [Fact]
    public async Task A_DNS_failure_keeps_the_message_and_records_temperror()
    {
        var subject = ServerFixture.Unique("dns down");
        var reply = await SendInboundAsync($"someone@{AuthenticationZones.Unserved}", Plain($"someone@{AuthenticationZones.Unserved}", subject));
        Assert.StartsWith("250", reply, StringComparison.Ordinal); // 250 means stored: temperror never loses mail
        var verdict = await StoredVerdictAsync(MailFolders.Inbox, subject);
        Assert.Equal(new SpfCheck(AuthResult.TempError, AuthenticationZones.Unserved), verdict.Spf);
        Assert.Equal(AuthResult.TempError, verdict.Dmarc!.Result);
    }
}
