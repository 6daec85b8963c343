using System.Net;
using System.Text;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// Message content goes to a spool file as it arrives (issue 8 item 2): the file is on disk during DATA/BDAT, gone
/// when the transaction ends however it ends, and the spool's limits are answered with 451/452 while the session goes on.
/// </summary>
public sealed class SpoolTests
{
    private static readonly IPAddress First = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Second = IPAddress.Parse("192.0.2.2");

    public enum Ending
    {
        Accepted,
        Refused,
        Rset,
        Quit,
        ConnectionDropped,
        TimedOut,
    }

    [Fact]
    public async Task Data_content_is_on_disk_while_it_arrives_and_the_backend_gets_all_of_it()
    {
        var (connection, backend) = Open(new SmtpServerOptions { HostName = "mx.test.example" });
        await StartDataAsync(connection);
        var body = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV\r\n", 4000)));
        await connection.SendAsync(body);
        await WaitUntilAsync(() => connection.Spool.SpooledBytes >= body.Length);

        var file = Assert.Single(Directory.GetFiles(connection.Spool.Directory));
        Assert.True(new FileInfo(file).Length >= body.Length - (64 * 1024), "the content is in the file, not in memory");

        await connection.SendAsync(".\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await connection.ReceiveUntilAsync("queued"), StringComparison.Ordinal);
        var (_, content, _) = Assert.Single(backend.Messages);
        Assert.EndsWith(Encoding.ASCII.GetString(body), Encoding.ASCII.GetString(content), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(connection.Spool.Directory));
        Assert.Equal(0, connection.Spool.SpooledBytes);
    }

    /// <summary>Enough content to pass <see cref="SpoolStream.InMemoryLimit"/>, so it goes to a file.</summary>
    private static readonly string Filler = string.Concat(Enumerable.Repeat(new string('f', 98) + "\r\n", (SpoolStream.InMemoryLimit / 100) + 10));

    [Fact]
    public async Task Small_content_never_touches_the_disk_and_is_accepted_whole()
    {
        var (connection, backend) = Open(new SmtpServerOptions { HostName = "mx.test.example" });
        await StartDataAsync(connection);
        var body = string.Concat(Enumerable.Repeat(new string('s', 98) + "\r\n", 320)); // 32,000 bytes
        await connection.SendAsync(body);
        await WaitUntilAsync(() => connection.Spool.SpooledBytes >= body.Length);
        Assert.Empty(Directory.GetFiles(connection.Spool.Directory));

        await connection.SendAsync(".\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await connection.ReceiveUntilAsync("queued"), StringComparison.Ordinal);
        var (_, content, _) = Assert.Single(backend.Messages);
        Assert.EndsWith(body, Encoding.ASCII.GetString(content), StringComparison.Ordinal);
        Assert.Equal(0, connection.Spool.SpooledBytes);
    }

    [Theory]
    [InlineData(Ending.Accepted, false)]
    [InlineData(Ending.Refused, false)]
    [InlineData(Ending.Rset, true)]
    [InlineData(Ending.Quit, true)]
    [InlineData(Ending.ConnectionDropped, false)]
    [InlineData(Ending.ConnectionDropped, true)]
    [InlineData(Ending.TimedOut, false)]
    [InlineData(Ending.TimedOut, true)]
    public async Task The_spool_file_is_deleted_however_the_transaction_ends(Ending ending, bool bdat)
    {
        var (connection, _) = Open(new SmtpServerOptions { HostName = "mx.test.example" });
        await connection.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\n");
        if (bdat)
        {
            await connection.SendAsync($"BDAT {Filler.Length}\r\n{Filler}");
            await connection.ReceiveUntilAsync("octets received");
        }
        else
        {
            await connection.SendAsync("DATA\r\n");
            await connection.ReceiveUntilAsync("354 ");
            await connection.SendAsync(Filler + (ending == Ending.Refused ? "bare\nline\r\n" : "hello\r\n"));
        }

        await WaitUntilAsync(() => connection.Spool.SpooledBytes > SpoolStream.InMemoryLimit);
        Assert.Single(Directory.GetFiles(connection.Spool.Directory));
        switch (ending)
        {
            case Ending.Accepted:
            case Ending.Refused:
                await connection.SendAsync(".\r\nQUIT\r\n");
                break;
            case Ending.Rset:
                await connection.SendAsync("RSET\r\n");
                await connection.ReceiveUntilAsync("250 2.0.0");
                Assert.Equal(0, connection.Spool.OpenFiles); // gone at RSET, before the session ends
                await connection.SendAsync("QUIT\r\n");
                break;
            case Ending.Quit:
                await connection.SendAsync("QUIT\r\n");
                break;
            case Ending.ConnectionDropped:
                await connection.EndInputAsync();
                break;
            case Ending.TimedOut:
                // RFC 5321 §4.5.3.2: the server gives up after the data timeout (421), closing the transaction.
                while (!connection.Running.IsCompleted)
                {
                    connection.Time.Advance(TimeSpan.FromMinutes(10));
                    await Task.Delay(20, TestContext.Current.CancellationToken);
                }

                break;
        }

        await connection.Running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, connection.Spool.OpenFiles);
        Assert.Equal(0, connection.Spool.SpooledBytes);
        Assert.Empty(Directory.GetFiles(connection.Spool.Directory));
    }

    [Fact]
    public async Task Too_many_transactions_from_one_address_get_451_at_DATA_and_the_session_goes_on()
    {
        var options = new SmtpServerOptions { HostName = "mx.test.example", MaxTransactionsPerAddress = 1 };
        var spool = new MessageSpool(options);
        var (busy, _) = Open(options, spool, First);
        await StartDataAsync(busy);
        var (second, _) = Open(options, spool, First);
        await second.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\nDATA\r\n");
        Assert.Contains("451 4.3.0 Too many messages in progress from your address", await second.ReceiveUntilAsync("451 "), StringComparison.Ordinal);

        var (other, _) = Open(options, spool, Second);
        await StartDataAsync(other); // another address is not affected

        await busy.SendAsync("hi\r\n.\r\n");
        await busy.ReceiveUntilAsync("queued");
        await second.SendAsync("DATA\r\n"); // the transaction is still there; DATA again once the slot is free
        Assert.Contains("354 ", await second.ReceiveUntilAsync("354 "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_bytes_from_one_address_get_452_after_the_end_of_data_and_nothing_more_is_kept()
    {
        var options = new SmtpServerOptions { HostName = "mx.test.example", MaxSpoolSizePerAddress = 20_000 };
        var (connection, backend) = Open(options);
        await StartDataAsync(connection);
        await connection.SendAsync(new string('x', 30) + "\r\n" + string.Concat(Enumerable.Repeat(new string('y', 98) + "\r\n", 500)));
        await connection.SendAsync(".\r\n");
        Assert.Contains("452 4.3.1 Too many message bytes in progress from your address", await connection.ReceiveUntilAsync("452 "), StringComparison.Ordinal);
        Assert.True(connection.Spool.SpooledBytes == 0 && backend.Messages.IsEmpty);

        // The session goes on: a message within the limit is accepted.
        await connection.SendAsync("MAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\nDATA\r\nsmall\r\n.\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await connection.ReceiveUntilAsync("queued"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bdat_chunk_over_the_address_limit_gets_452_and_fails_the_transaction()
    {
        var options = new SmtpServerOptions { HostName = "mx.test.example", MaxSpoolSizePerAddress = 20_000 };
        var (connection, _) = Open(options);
        await connection.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\n");
        await connection.SendAsync("BDAT 30000\r\n" + string.Concat(Enumerable.Repeat(new string('y', 98) + "\r\n", 300)) + "BDAT 2 LAST\r\n\r\nNOOP\r\n");
        var output = await connection.ReceiveUntilAsync("250 2.0.0 OK\r\n");
        Assert.Contains("452 4.3.1 Too many message bytes in progress from your address", output, StringComparison.Ordinal);
        Assert.Contains("503 5.5.1 Need MAIL before BDAT", output, StringComparison.Ordinal); // RFC 3030 §2
        Assert.Equal(0, connection.Spool.SpooledBytes);
    }

    [Fact]
    public async Task A_full_spool_answers_452_at_DATA_to_everyone_until_it_empties()
    {
        // Room for one more message of MaxMessageSize is needed to start one (Postfix queue_minfree).
        var options = new SmtpServerOptions { HostName = "mx.test.example", MaxSpoolSize = 20_000, MaxMessageSize = 15_000 };
        var spool = new MessageSpool(options);
        var (filler, _) = Open(options, spool, First);
        await StartDataAsync(filler);
        await filler.SendAsync(string.Concat(Enumerable.Repeat(new string('y', 98) + "\r\n", 120)));
        await WaitUntilAsync(() => spool.SpooledBytes >= 12_000);

        var (other, _) = Open(options, spool, Second);
        await other.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\nDATA\r\n");
        Assert.Contains("452 4.3.1 Insufficient system storage", await other.ReceiveUntilAsync("452 "), StringComparison.Ordinal);

        await filler.SendAsync(".\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await filler.ReceiveUntilAsync("queued"), StringComparison.Ordinal);
        await other.SendAsync("DATA\r\nhi\r\n.\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await other.ReceiveUntilAsync("queued"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_over_the_whole_spool_limit_get_452_after_the_end_of_data()
    {
        var options = new SmtpServerOptions { HostName = "mx.test.example", MaxSpoolSize = 20_000, MaxMessageSize = 15_000 };
        var spool = new MessageSpool(options);
        var (first, _) = Open(options, spool, First);
        var (second, _) = Open(options, spool, Second);
        await StartDataAsync(first);
        await StartDataAsync(second);
        var body = string.Concat(Enumerable.Repeat(new string('y', 98) + "\r\n", 120));
        await first.SendAsync(body);
        await WaitUntilAsync(() => spool.SpooledBytes >= 12_000);
        await second.SendAsync(body + ".\r\n");
        Assert.Contains("452 4.3.1 Insufficient system storage", await second.ReceiveUntilAsync("\r\n"), StringComparison.Ordinal);
        await first.SendAsync(".\r\n");
        Assert.Contains("250 2.0.0 OK queued as Q1", await first.ReceiveUntilAsync("\r\n"), StringComparison.Ordinal); // it fit
        Assert.Equal(0, spool.SpooledBytes);
    }

    [Fact]
    public void Files_left_by_an_earlier_process_are_deleted_when_the_spool_starts()
    {
        var options = new SmtpServerOptions { SpoolDirectory = Path.Combine(Path.GetTempPath(), "kakunin-spool-test-" + Guid.NewGuid().ToString("N")) };
        Directory.CreateDirectory(options.SpoolDirectory);
        File.WriteAllText(Path.Combine(options.SpoolDirectory, "0123.spool"), "left over");
        var spool = new MessageSpool(options);
        Assert.Empty(Directory.GetFiles(spool.Directory));
        Directory.Delete(spool.Directory);
    }

    private static (InMemorySmtpConnection Connection, FakeSmtpBackend Backend) Open(SmtpServerOptions options, MessageSpool? spool = null, IPAddress? address = null)
    {
        var backend = new FakeSmtpBackend();
        return (new InMemorySmtpConnection(options, backend, spool: spool, clientAddress: address), backend);
    }

    private static async Task StartDataAsync(InMemorySmtpConnection connection)
    {
        await connection.SendAsync("EHLO client.example\r\nMAIL FROM:<a@client.example>\r\nRCPT TO:<bob@mx.test.example>\r\nDATA\r\n");
        Assert.Contains("354 ", await connection.ReceiveUntilAsync("354 "), StringComparison.Ordinal);
    }

    // Waits for the server side to catch up (not a timing assertion: the deadline is only a hang guard).
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not get there");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
