using System.Net;
using System.Net.Sockets;
using System.Text;
using Kakunin.Store;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// Slow and stalled clients against a real <c>kakunin serve</c> with short limits (issue 8, deadlines): a stalled
/// TLS handshake and a DATA trickle are closed at their deadlines, a well-behaved client still gets 220 when stalled
/// clients fill every slot, and TLS sessions end with close_notify. Limits are set as KAKUNIN__SMTP__* variables.
/// </summary>
public sealed class StallTests(StallTests.ShortLimitsServer fixture) : IClassFixture<StallTests.ShortLimitsServer>
{
    // Well beyond the 2 s limits below, far below the 5 minutes the old per-read timeouts allowed.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_starttls_stall_after_half_a_client_hello_is_closed_at_the_handshake_deadline()
    {
        using var client = await StalledStartTlsAsync(fixture.Server.SmtpPort, IPAddress.Loopback);

        Assert.True(await ClosedWithinAsync(client, Slack), "the stalled handshake was still open after 15 s");
    }

    [Fact]
    public async Task An_implicit_tls_stall_is_closed_at_the_handshake_deadline()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fixture.Server.SubmissionTlsPort, TestContext.Current.CancellationToken);

        // Kestrel's own default HandshakeTimeout is 10 s; the configured 2 s must be what applies.
        Assert.True(await ClosedWithinAsync(client, TimeSpan.FromSeconds(7)), "the silent implicit-TLS client was still open after 7 s");
    }

    [Fact]
    public async Task Under_stress_handshake_stalls_are_closed_after_the_stress_timeout()
    {
        // One connection of four is already stress (0.25); the normal handshake limit (2 min) would outlive the test.
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["KAKUNIN__SMTP__MAXCONNECTIONS"] = "4",
            ["KAKUNIN__SMTP__STRESSTHRESHOLD"] = "0.25",
            ["KAKUNIN__SMTP__STRESSTIMEOUT"] = "00:00:02",
            ["KAKUNIN__SMTP__TLSHANDSHAKETIMEOUT"] = "00:02:00",
        });
        using var implicitTls = new TcpClient();
        await implicitTls.ConnectAsync(IPAddress.Loopback, server.SubmissionTlsPort, TestContext.Current.CancellationToken);
        using var startTls = await StalledStartTlsAsync(server.SmtpPort, IPAddress.Loopback);

        Assert.True(await ClosedWithinAsync(implicitTls, Slack), "the implicit-TLS stall outlived the stress timeout");
        Assert.True(await ClosedWithinAsync(startTls, Slack), "the STARTTLS stall outlived the stress timeout");
        Assert.Contains("SMTP stress mode on", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_trickle_below_the_minimum_rate_gets_421_4_4_2()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO slow.example");
        await smtp.CommandAsync("MAIL FROM:<slow@sender.example>");
        await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>");
        Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);

        // A byte every 250 ms: every read comes well within DataTimeout (2 s); the rate (4 octets/s < 100) does not.
        var reply = smtp.ReadReplyAsync();
        var started = DateTime.UtcNow;
        while (!reply.IsCompleted && DateTime.UtcNow - started < Slack)
        {
            try
            {
                await smtp.SendAsync("x");
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reply, Task.Delay(250, TestContext.Current.CancellationToken));
        }

        Assert.True(reply.IsCompleted, "the trickle was still accepted after 15 s");
        Assert.StartsWith("421 4.4.2", await reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_QUIT_the_tls_session_ends_with_close_notify()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/openssl"), "openssl is not installed");

        // OpenSSL 3 reports "unexpected eof while reading" when the peer closes TCP without close_notify.
        var (_, startTls) = await ExternalClient.RunAsync("openssl", ["s_client", "-starttls", "smtp", "-connect", $"127.0.0.1:{fixture.Server.SmtpPort}", "-ign_eof"], "EHLO client.example\r\nQUIT\r\n");
        var (_, implicitTls) = await ExternalClient.RunAsync("openssl", ["s_client", "-connect", $"127.0.0.1:{fixture.Server.SubmissionTlsPort}", "-ign_eof"], "EHLO client.example\r\nQUIT\r\n");

        Assert.Contains("221 2.0.0", startTls, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected eof", startTls, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("221 2.0.0", implicitTls, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected eof", implicitTls, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Garbage_after_starttls_is_one_log_line_without_a_stack_trace()
    {
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Server.SmtpPort);
        await smtp.CommandAsync("EHLO garbage.example");
        Assert.StartsWith("220", await smtp.CommandAsync("STARTTLS"), StringComparison.Ordinal);
        await smtp.SendAsync("THIS IS NOT A CLIENT HELLO\r\n\r\n");
        await smtp.ReadReplyAsync(); // the server closes

        await fixture.Server.WaitForAsync(() => Task.FromResult(fixture.Server.Log.Contains("TLS handshake failed", StringComparison.Ordinal)), "the handshake failure in the log", 10);
        Assert.DoesNotContain("   at System.Net.Security", fixture.Server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_slot_held_by_stalled_clients_a_new_client_still_gets_220_and_its_mail_is_accepted()
    {
        // Stalls must outlive the test: long handshake and stress timeouts, so only eviction can free a slot.
        await using var server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["KAKUNIN__SMTP__MAXCONNECTIONS"] = "20",
            ["KAKUNIN__SMTP__MAXCONNECTIONSPERADDRESS"] = "5",
            ["KAKUNIN__SMTP__TLSHANDSHAKETIMEOUT"] = "00:02:00",
            ["KAKUNIN__SMTP__STRESSTIMEOUT"] = "00:02:00",
            ["KAKUNIN__SMTP__EVICTIONMINIMUMIDLE"] = "00:00:01",
        });
        var stalled = new List<TcpClient>();
        try
        {
            for (var address = 2; address <= 5; address++)
            {
                for (var i = 0; i < 5; i++)
                {
                    stalled.Add(await StalledStartTlsAsync(server.SmtpPort, IPAddress.Parse($"127.0.0.{address}")));
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken); // past EvictionMinimumIdle

            var subject = ServerFixture.Unique("during a stall flood");
            await using (var smtp = await RawSmtpConnection.OpenAsync(server.SmtpPort, expectGreeting: false))
            {
                Assert.StartsWith("220 ", await smtp.ReadReplyAsync(), StringComparison.Ordinal);
                Assert.StartsWith("250", await smtp.CommandAsync("EHLO good.example"), StringComparison.Ordinal);
                Assert.StartsWith("250", await smtp.CommandAsync("MAIL FROM:<good@sender.example>"), StringComparison.Ordinal);
                Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{ServerFixture.Bob}>"), StringComparison.Ordinal);
                Assert.StartsWith("354", await smtp.CommandAsync("DATA"), StringComparison.Ordinal);
                Assert.StartsWith("250", await smtp.CommandAsync($"Subject: {subject}\r\n\r\nhello\r\n."), StringComparison.Ordinal);
                Assert.StartsWith("221", await smtp.CommandAsync("QUIT"), StringComparison.Ordinal);
            }

            await server.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "the good client's message");
            Assert.Contains("closing the Handshake session", server.Log, StringComparison.Ordinal);
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    /// <summary>EHLO, STARTTLS, then the first 7 bytes of a ClientHello and nothing more, from <paramref name="local"/>.</summary>
    private static async Task<TcpClient> StalledStartTlsAsync(int port, IPAddress local)
    {
        var client = new TcpClient(new IPEndPoint(local, 0));
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await ExpectAsync(stream, "220 ");
        await stream.WriteAsync("EHLO stall.example\r\n"u8.ToArray());
        await ExpectAsync(stream, "250 ");
        await stream.WriteAsync("STARTTLS\r\n"u8.ToArray());
        await ExpectAsync(stream, "220 2.0.0");
        await stream.WriteAsync(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00 }); // TLS record header, half a handshake header
        return client;
    }

    private static async Task ExpectAsync(NetworkStream stream, string marker)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!received.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            Assert.True(read > 0, $"closed before '{marker}': {received}");
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    // True when the server closed (end of stream or reset) within the time.
    private static async Task<bool> ClosedWithinAsync(TcpClient client, TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        var buffer = new byte[4096];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, timeout.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>One server for this class with 2 s handshake and data limits and a 100 octets/s minimum rate.</summary>
    public sealed class ShortLimitsServer : IAsyncLifetime
    {
        public KakuninProcess Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Server = await KakuninProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["KAKUNIN__SMTP__TLSHANDSHAKETIMEOUT"] = "00:00:02",
            ["KAKUNIN__SMTP__DATATIMEOUT"] = "00:00:02",
            ["KAKUNIN__SMTP__MINDATARATE"] = "100",
        });

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}
