using System.Text;
using Kakunin.Queue;
using Kakunin.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kakunin.IntegrationTests.Hardening;

/// <summary>
/// Kakunin whose smarthost is a real Postfix that refuses bare LF from anyone, loopback included
/// (<c>smtpd_forbid_bare_newline = reject</c>, no exclusions: Postfix 3.7.10+; "yes" only normalises). Users alice/bob (Kakunin), carol (Postfix).
/// </summary>
public sealed class StrictPostfixFixture : KakuninAndPostfixFixture
{
    protected override async Task StartAsync()
    {
        await StartPostfixAsync("peer.test", "--users", "carol", "--set", "smtpd_forbid_bare_newline = reject", "--set", "smtpd_forbid_bare_newline_exclusions =");
        await StartKakuninAsync(PostfixAsSmarthost,
            new Dictionary<string, string> { ["KAKUNIN__SMTP__ALLOWINSECUREAUTH"] = "true" }); // AUTH on 587 without TLS: test only
    }
}

/// <summary>
/// Issue 8 item 5 against real peers: BDAT content with a bare CR or LF is refused at submission and nothing reaches
/// Postfix; content queued with bare CR/LF by another path reaches Postfix as CRLF lines, one message, nothing smuggled.
/// </summary>
public sealed class CanonicalLineEndingsTests(StrictPostfixFixture fixture) : IClassFixture<StrictPostfixFixture>
{
    private const string Carol = "carol@peer.test";

    // The SMTP smuggling shapes (CVE-2023-51764 family): an end of data a lenient server might see.
    private static readonly string[] ShapeList = ["\n.\n", "\r.\r", "\n.\r\n", "\r\n.\n", "\r.\r\n"];

    public static TheoryData<string> Shapes => new(ShapeList);

    private string Logs() => $"--- postfix log ---\n{fixture.Postfix.Log}\n--- kakunin log ---\n{fixture.Kakunin.Log}";

    [Fact]
    public async Task Bdat_with_every_smuggling_shape_is_refused_and_nothing_reaches_postfix()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var smtp = await RawSmtpConnection.OpenAsync(fixture.Kakunin.SubmissionPort);
        Assert.StartsWith("250", await smtp.CommandAsync("EHLO client.example"), StringComparison.Ordinal);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{ServerFixture.Alice}\0{KakuninProcess.Password}"));
        Assert.StartsWith("235", await smtp.CommandAsync($"AUTH PLAIN {credentials}"), StringComparison.Ordinal);
        foreach (var shape in ShapeList)
        {
            var content = $"Subject: carrier {tag}\r\n\r\nhello{shape}MAIL FROM:<{ServerFixture.Alice}>\r\nRCPT TO:<{Carol}>\r\nDATA\r\nSubject: smuggled {tag}\r\n\r\nevil\r\n.\r\n";
            Assert.StartsWith("250", await smtp.CommandAsync($"MAIL FROM:<{ServerFixture.Alice}>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{Carol}>"), StringComparison.Ordinal);
            var bytes = Encoding.ASCII.GetBytes(content);
            await smtp.SendAsync($"BDAT {bytes.Length} LAST\r\n");
            await smtp.SendAsync(bytes);
            Assert.StartsWith("550 5.5.2", await smtp.ReadReplyAsync(), StringComparison.Ordinal);
        }

        // The session goes on: a clean message through the same path arrives; the refused ones never do.
        var clean = Encoding.ASCII.GetBytes($"Subject: clean {tag}\r\n\r\nhello\r\n");
        Assert.StartsWith("250", await smtp.CommandAsync($"MAIL FROM:<{ServerFixture.Alice}>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.CommandAsync($"RCPT TO:<{Carol}>"), StringComparison.Ordinal);
        await smtp.SendAsync($"BDAT {clean.Length} LAST\r\n");
        await smtp.SendAsync(clean);
        Assert.StartsWith("250", await smtp.ReadReplyAsync(), StringComparison.Ordinal);
        await fixture.Postfix.WaitForMaildirAsync("carol", m => m.Subject == $"clean {tag}", "the clean message at Postfix", Logs);
        Assert.DoesNotContain(fixture.Postfix.Maildir("carol"), m => m.Subject is { } s && s.EndsWith(tag, StringComparison.Ordinal) && s != $"clean {tag}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Content_queued_with_bare_cr_or_lf_reaches_postfix_as_crlf_lines_in_one_message(string shape)
    {
        var tag = Guid.NewGuid().ToString("N");
        // Queued by another path than the SMTP server (as the webmail or an older row could): bare CR and LF inside.
        var content = Encoding.ASCII.GetBytes(
            $"From: <{ServerFixture.Alice}>\nTo: <{Carol}>\r\nSubject: carrier {tag}\n\nline one\rline two{shape}MAIL FROM:<{ServerFixture.Alice}>\r\n"
            + $"RCPT TO:<{Carol}>\r\nDATA\r\nSubject: smuggled {tag}\r\n\r\nevil\r\n.\r\nQUIT\r\n");
        await using (var store = await fixture.Kakunin.OpenStoreAsync())
        {
            var submission = new MailSubmission(store, new QueueOptions { HostName = "mx.example.test" }, TimeProvider.System, new QueueMetrics(), NullLogger.Instance);
            await submission.SubmitAsync(ServerFixture.Alice, ServerFixture.Alice, [new NewQueueRecipient(Carol, null, null, null)], content, null, null, TestContext.Current.CancellationToken);
        }

        // Postfix refuses any bare LF (smtpd_forbid_bare_newline), so arriving at all means none was sent.
        var delivered = await fixture.Postfix.WaitForMaildirAsync("carol", m => m.Subject == $"carrier {tag}", "the message at Postfix", Logs);
        Assert.Single(fixture.Postfix.Maildir("carol"), m => m.Subject == $"carrier {tag}");
        Assert.DoesNotContain(fixture.Postfix.Maildir("carol"), m => m.Subject == $"smuggled {tag}");

        // Postfix stores CRLF lines as LF lines; a bare CR on the wire would be kept as a CR in the file.
        var file = MaildirFiles("carol").Single(f => File.ReadAllText(f).Contains($"carrier {tag}", StringComparison.Ordinal));
        var stored = File.ReadAllBytes(file);
        Assert.DoesNotContain((byte)'\r', stored);
        // The would-be end of data went out dot-stuffed and arrived as a "." line of content, with what followed it.
        Assert.Contains($"\n.\nMAIL FROM:<{ServerFixture.Alice}>\n", Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
        Assert.Contains("evil", delivered.TextBody ?? string.Empty, StringComparison.Ordinal);
    }

    private IEnumerable<string> MaildirFiles(string user) =>
        new[] { "new", "cur" }.Select(s => Path.Combine(fixture.Postfix.Directory, "mail", user, s)).Where(Directory.Exists).SelectMany(Directory.GetFiles);
}
