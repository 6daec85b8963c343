using System.Text;
using System.Text.Json;

namespace Kakunin.Cli.Tests;

/// <summary>
/// <c>kakunin report parse</c>: expected values are read by hand from the bundled examples
/// (src/Kakunin.Cli/Examples) and from the messages written in each test.
/// </summary>
public sealed class ReportParseCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Without_paths_it_reads_the_bundled_examples()
    {
        var (exit, output, error) = CliRunner.Run("report", "parse");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);

        var bounce = lines.Single(l => l.GetProperty("kind").GetString() == "dsn");
        Assert.Equal("nobody@partner.example", bounce.GetProperty("recipient").GetString());
        Assert.Equal("failed", bounce.GetProperty("action").GetString());
        Assert.Equal("5.1.1", bounce.GetProperty("status").GetString());
        Assert.Equal(550, bounce.GetProperty("replyCode").GetInt32());
        Assert.Equal("userunknown", bounce.GetProperty("reason").GetString());
        Assert.True(bounce.GetProperty("hardBounce").GetBoolean());
        Assert.Equal("mail.partner.example", bounce.GetProperty("remoteMta").GetString());
        Assert.Equal("contract-2026-118", bounce.GetProperty("originalEnvelopeId").GetString());
        Assert.Equal("contract-118@kakunin.test", bounce.GetProperty("originalMessageId").GetString());
        Assert.StartsWith("550 5.1.1 <nobody@partner.example>: Recipient address rejected", bounce.GetProperty("diagnostic").GetString(), StringComparison.Ordinal);

        var receipt = lines.Single(l => l.GetProperty("kind").GetString() == "mdn");
        Assert.Equal("bob@partner.example", receipt.GetProperty("recipient").GetString());
        Assert.Equal("manual-action/MDN-sent-manually; displayed", receipt.GetProperty("disposition").GetString());
        Assert.Equal("contract-117@kakunin.test", receipt.GetProperty("originalMessageId").GetString());
    }

    [Fact]
    public void Every_line_carries_every_documented_field()
    {
        var (_, output, _) = CliRunner.Run("report", "parse");
        string[] fields = ["file", "kind", "recipient", "action", "status", "replyCode", "reason", "hardBounce", "diagnostic", "remoteMta", "originalEnvelopeId", "originalMessageId"];
        foreach (var line in Lines(output))
        {
            foreach (var field in fields)
            {
                Assert.True(line.TryGetProperty(field, out _), $"missing {field}");
            }
        }
    }

    [Fact]
    public void A_bad_file_is_reported_the_rest_go_on_and_a_missing_one_fails_the_run()
    {
        File.WriteAllBytes(Path.Combine(_dir.FullName, "a-empty.eml"), []);
        File.WriteAllText(Path.Combine(_dir.FullName, "b-plain.eml"), "From: a@example.com\r\nTo: b@example.com\r\nSubject: hello\r\n\r\nJust a note.\r\n");
        var missing = Path.Combine(_dir.FullName, "no-such-file.eml");

        var (exit, output, error) = CliRunner.Run("report", "parse", _dir.FullName, missing);

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(output));
        Assert.Equal("none", line.GetProperty("kind").GetString());
        Assert.EndsWith("b-plain.eml", line.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Contains("a-empty.eml", error, StringComparison.Ordinal);
        Assert.Contains("no-such-file.eml: no such file or directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mbox_gives_lines_for_each_message()
    {
        var mbox = new StringBuilder()
            .Append("From MAILER-DAEMON Sun Nov 29 10:00:00 2026\n")
            .Append(Bounce("first@example.jp", "5.1.1", "550 5.1.1 User unknown"))
            .Append("\nFrom MAILER-DAEMON Sun Nov 29 10:05:00 2026\n")
            .Append(Bounce("second@example.jp", "5.2.2", "552 5.2.2 Mailbox full"))
            .ToString();
        var path = Path.Combine(_dir.FullName, "bounces.mbox");
        File.WriteAllText(path, mbox);

        var (exit, output, _) = CliRunner.Run("report", "parse", path);

        Assert.Equal(0, exit);
        var lines = Lines(output);
        Assert.Equal(["first@example.jp", "second@example.jp"], lines.Select(l => l.GetProperty("recipient").GetString()));
        Assert.Equal(["userunknown", "mailboxfull"], lines.Select(l => l.GetProperty("reason").GetString()));
        Assert.Equal([path + "#1", path + "#2"], lines.Select(l => l.GetProperty("file").GetString()));
    }

    [Fact]
    public void The_table_format_shows_each_recipient()
    {
        var (exit, output, _) = CliRunner.Run("report", "parse", "--format", "table");

        Assert.Equal(0, exit);
        Assert.Contains("nobody@partner.example", output, StringComparison.Ordinal);
        Assert.Contains("userunknown", output, StringComparison.Ordinal);
        Assert.Contains("bob@partner.example", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "parse", "--format", "xml")]
    [InlineData("report", "parse", "--no-such-option")]
    [InlineData("report", "frobnicate")]
    public void Usage_errors_exit_non_zero(params string[] args)
    {
        var (exit, _, error) = CliRunner.Run(args);
        Assert.NotEqual(0, exit);
        Assert.NotEqual(string.Empty, error);
    }

    internal static string Bounce(string recipient, string status, string diagnostic) => $"""
        From: MAILER-DAEMON@mx.example.com
        To: sender@example.com
        Subject: Delivery Status Notification (Failure)
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b"

        --b
        Content-Type: text/plain

        Delivery failed.

        --b
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.com

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: {status}
        Diagnostic-Code: smtp; {diagnostic}

        --b--

        """;

    internal static List<JsonElement> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
