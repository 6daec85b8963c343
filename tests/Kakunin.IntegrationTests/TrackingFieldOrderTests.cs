using MailKit;

namespace Kakunin.IntegrationTests;

/// <summary>
/// A remote DSN whose per-recipient block puts Original-Recipient first (Original-Recipient, Action,
/// Final-Recipient, Status; RFC 3464 §2.1 sets no order) is one report about one recipient: tracking
/// records it once, with the status the remote MTA wrote.
/// </summary>
public sealed class TrackingFieldOrderTests(TrackingServerFixture fixture) : IClassFixture<TrackingServerFixture>
{
    private KakuninProcess Server => fixture.Server;

    [Fact]
    public async Task A_DSN_with_original_recipient_first_is_recorded_once_with_the_reported_status()
    {
        var envid = "it-" + Guid.NewGuid().ToString("N");
        var dave = $"dave-{Guid.NewGuid():N}@remote.example";
        var sent = await DsnSmtpClient.SubmitAsync(Server, ServerFixture.Alice, dave, ServerFixture.Unique("Order"), DeliveryStatusNotification.Failure, envid);
        await Server.WaitForAsync(async () => await ServerDatabase.TrackedAsync(Server, ServerFixture.Alice, dave) is { State: "deferred" }, $"{dave} deferred");

        var dsn = $"""
            From: Mail Delivery System <MAILER-DAEMON@mx.remote.example>
            To: {ServerFixture.Alice}
            Subject: Delivery Status Notification (Failure)
            Message-ID: <{Guid.NewGuid():N}@mx.remote.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="rb"

            --rb
            Content-Type: text/plain

            Your message could not be delivered to one recipient.

            --rb
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.remote.example
            Original-Envelope-Id: {envid}

            Original-Recipient: rfc822; {dave}
            Action: failed
            Final-Recipient: rfc822; {dave}
            Status: 5.2.2
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

            --rb
            Content-Type: text/rfc822-headers

            Message-ID: <{sent.MessageId}>
            Subject: Order

            --rb--
            """;
        var (exit, output) = await ExternalClient.RunAsync(
            "swaks",
            ["--server", "127.0.0.1", "--port", Server.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--helo", "client.example.net",
             "--from", "<>", "--to", ServerFixture.Alice, "--data", "-"],
            dsn.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(exit == 0, output);

        TrackedRow? row = null;
        await Server.WaitForAsync(async () => (row = await ServerDatabase.TrackedAsync(Server, ServerFixture.Alice, dave)) is { UnverifiedState: "failed" }, $"{dave} unverified failed");
        // Give a second (wrong) outcome the time it would take to be recorded, then count.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var claims = (await ServerDatabase.EventsAsync(Server, row!.Id)).Where(e => e.Provenance == "unverified").ToList();
        var claim = Assert.Single(claims);
        Assert.Equal(("failed", "MAILER-DAEMON@mx.remote.example"), (claim.State, claim.ReportedBy));
    }
}
