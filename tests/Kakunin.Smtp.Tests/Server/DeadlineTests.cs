using System.IO.Pipelines;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// The session's deadlines on fake time (RFC 5321 §4.5.3.2; Postfix smtpd_per_request_deadline, smtpd_min_data_rate,
/// smtpd_starttls_timeout): a client that dribbles bytes is closed with 421 4.4.2 as surely as a silent one.
/// </summary>
public sealed class DeadlineTests
{
    private static SmtpServerOptions Options() => new() { HostName = "mx.test.example" };

    [Fact]
    public async Task A_command_dribbled_one_byte_a_minute_is_closed_at_the_command_deadline()
    {
        var connection = new InMemorySmtpConnection(Options(), new FakeSmtpBackend());
        await connection.ReceiveUntilAsync("220 ");
        await connection.SendAsync("EHLO client.example\r\n");
        await connection.ReceiveUntilAsync("250 ");

        // Each byte comes well within the old per-read 5 minutes; the whole line never does.
        var sent = 0;
        foreach (var b in "MAIL FROM:<a-very-slow-sender@client.example>\r\n"u8.ToArray())
        {
            if (!await connection.SendAsync(new[] { b }) || connection.Running.IsCompleted)
            {
                break;
            }

            sent++;
            await AdvanceAsync(connection, TimeSpan.FromMinutes(1));
        }

        var output = await connection.ReceiveUntilAsync(null);
        Assert.Contains("421 4.4.2", output, StringComparison.Ordinal);
        Assert.DoesNotContain("250 2.1.0", output, StringComparison.Ordinal);
        Assert.InRange(sent, 5, 6); // closed after five minutes of the line, not after 47
    }

    [Fact]
    public async Task Data_trickled_below_the_minimum_rate_is_closed_after_the_grace()
    {
        var connection = new InMemorySmtpConnection(Options(), new FakeSmtpBackend());
        await StartDataAsync(connection);

        var minutes = 0;
        while (!connection.Running.IsCompleted && minutes < 30)
        {
            await connection.SendAsync("x");
            await AdvanceAsync(connection, TimeSpan.FromMinutes(1));
            minutes++;
        }

        var output = await connection.ReceiveUntilAsync(null);
        Assert.Contains("421 4.4.2", output, StringComparison.Ordinal);
        Assert.InRange(minutes, 5, 6); // DataTimeout (5 min) of grace plus a few bytes at 500 octets/s
    }

    [Fact]
    public async Task Data_at_the_minimum_rate_is_accepted_however_long_it_takes()
    {
        var options = Options() with { DataTimeout = TimeSpan.FromSeconds(30), MinDataRate = 100, SessionTimeout = TimeSpan.FromHours(1) };
        var backend = new FakeSmtpBackend();
        var connection = new InMemorySmtpConnection(options, backend);
        await StartDataAsync(connection);

        // 20 minutes at 110 octets/s: far past the grace, never below the rate.
        var line = new string('a', 108) + "\r\n";
        for (var second = 0; second < 1200; second += 10)
        {
            await connection.SendAsync(string.Concat(Enumerable.Repeat(line, 10)));
            await AdvanceAsync(connection, TimeSpan.FromSeconds(10));
        }

        await connection.SendAsync(".\r\n");
        Assert.Contains("250 ", await connection.ReceiveUntilAsync("250 "), StringComparison.Ordinal);
        Assert.Single(backend.Messages);
    }

    [Fact]
    public async Task A_busy_session_ends_at_the_session_deadline()
    {
        var options = Options() with { SessionTimeout = TimeSpan.FromMinutes(10) };
        var connection = new InMemorySmtpConnection(options, new FakeSmtpBackend());
        await connection.ReceiveUntilAsync("220 ");
        await connection.SendAsync("EHLO client.example\r\n");
        await connection.ReceiveUntilAsync("250 ");

        var noops = 0;
        while (!connection.Running.IsCompleted && noops < 20)
        {
            await connection.SendAsync("NOOP\r\n");
            noops++;
            await AdvanceAsync(connection, TimeSpan.FromMinutes(4));
        }

        var output = await connection.ReceiveUntilAsync(null);
        Assert.EndsWith("421 4.4.2 Timeout exceeded, closing connection\r\n", output, StringComparison.Ordinal);
        Assert.Equal(3, noops); // at 0, 4 and 8 minutes; the wait after the third ends at 10
    }

    [Fact]
    public async Task A_stalled_starttls_handshake_ends_at_the_handshake_deadline()
    {
        var options = Options() with { TlsHandshakeTimeout = TimeSpan.FromSeconds(30), Certificate = TestCertificate.Value };
        var connection = new InMemorySmtpConnection(options, new FakeSmtpBackend(), startTls: NeverCompletingHandshakeAsync);
        await connection.ReceiveUntilAsync("220 ");
        await connection.SendAsync("EHLO client.example\r\n");
        await connection.ReceiveUntilAsync("250 ");
        await connection.SendAsync("STARTTLS\r\n");
        await connection.ReceiveUntilAsync("220 2.0.0");

        for (var i = 0; i < 10 && !connection.Running.IsCompleted; i++)
        {
            await AdvanceAsync(connection, TimeSpan.FromSeconds(5));
        }

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => connection.Running);
        Assert.Contains("TLS handshake unfinished after 30 s", failure.Message, StringComparison.Ordinal);
    }

    internal static async Task StartDataAsync(InMemorySmtpConnection connection)
    {
        await connection.ReceiveUntilAsync("220 ");
        await connection.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\nDATA\r\n");
        await connection.ReceiveUntilAsync("354 ");
    }

    /// <summary>Moves fake time on in one-second steps, letting the loop run between them, until the server stops or the time is spent.</summary>
    internal static async Task AdvanceAsync(InMemorySmtpConnection connection, TimeSpan by)
    {
        for (var spent = TimeSpan.Zero; spent < by && !connection.Running.IsCompleted; spent += TimeSpan.FromSeconds(1))
        {
            await Task.WhenAny(connection.Running, Task.Delay(2));
            connection.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Task.WhenAny(connection.Running, Task.Delay(20));
    }

    private static async Task<IDuplexPipe> NeverCompletingHandshakeAsync(IDuplexPipe transport, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return transport;
    }
}
