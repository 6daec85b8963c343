using System.CommandLine;
using Kakunin.Cli;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Receipts;
using Kakunin.Store;

namespace Kakunin.IntegrationTests;

/// <summary><c>kakunin send</c> against the real server: DSN parameters and a read-receipt request arrive as asked.</summary>
public sealed class SendCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static async Task<(int Exit, string Output, string Error)> KakuninAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await KakuninCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Send_asks_for_a_delivery_receipt_and_a_read_receipt()
    {
        var subject = ServerFixture.Unique("kakunin send");
        var (exit, output, error) = await KakuninAsync(
            "send", "--server", $"127.0.0.1:{fixture.Server.SubmissionPort}", "--insecure",
            "--user", ServerFixture.Alice, "--password", KakuninProcess.Password,
            "--from", ServerFixture.Alice, "--to", ServerFixture.Bob, "--subject", subject, "--body", "Please sign.",
            "--notify", "SUCCESS,FAILURE", "--ret", "HDRS", "--envid", "send-test-1", "--read-receipt");

        Assert.True(exit == 0, error);
        Assert.Contains("queued as", output, StringComparison.Ordinal);

        var delivered = await fixture.WaitForMessageAsync(ServerFixture.Bob, MailFolders.Inbox, m => m.Subject == subject, "Bob's copy");
        // RFC 8098 §2.1: the request is Disposition-Notification-To, and never the legacy Return-Receipt-To.
        var request = ReadReceiptRequest.Detect(delivered);
        Assert.True(request.IsStandardRequest);
        Assert.Equal(ServerFixture.Alice, Assert.Single(request.NotificationAddresses).Address);
        Assert.Null(delivered.Headers["Return-Receipt-To"]);

        var dsn = await fixture.WaitForMessageAsync(ServerFixture.Alice, MailFolders.Inbox, m => m.InReplyTo == delivered.MessageId, "the success DSN");
        Assert.Equal("send-test-1", DsnParser.TryParse(dsn)?.OriginalEnvelopeId);
    }

    [Theory]
    [InlineData("NEVER,SUCCESS")] // RFC 3461 §4.1: NEVER stands alone
    [InlineData("SOMETIMES")]
    public async Task A_bad_notify_value_is_a_usage_error_before_connecting(string notify)
    {
        var (exit, _, error) = await KakuninAsync("send", "--server", "127.0.0.1:9", "--from", ServerFixture.Alice, "--to", ServerFixture.Bob, "--body", "x", "--notify", notify);
        Assert.Equal(2, exit);
        Assert.Contains("--notify", error, StringComparison.Ordinal);
    }
}
