using System.Text;

namespace Kakunin.Cli.Tests;

/// <summary>
/// <c>kakunin report parse</c> works on several inputs at once: the output keeps the input order, and a
/// file that is broken, huge or nested without end gives its own line or note while the run goes on.
/// </summary>
public sealed class ReportParseParallelTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-par-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Many_files_come_out_in_name_order_each_with_its_own_recipient()
    {
        for (var i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(_dir.FullName, $"m{i:D4}.eml"), Bounce($"user{i}@example.jp"));
        }

        var (exit, output, error) = CliRunner.Run("report", "parse", _dir.FullName);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var lines = ReportParseCommandTests.Lines(output);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"user{i}@example.jp"), lines.Select(l => l.GetProperty("recipient").GetString()));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => Path.Combine(_dir.FullName, $"m{i:D4}.eml")), lines.Select(l => l.GetProperty("file").GetString()));
    }

    [Fact]
    public void Bad_files_each_give_an_answer_and_the_good_file_after_them_is_still_read()
    {
        var bounce = Bounce("last@example.jp");
        File.WriteAllText(Path.Combine(_dir.FullName, "a-truncated.eml"), bounce[..(bounce.IndexOf("Final-Recipient", StringComparison.Ordinal) + 20)]);
        File.WriteAllBytes(Path.Combine(_dir.FullName, "b-charset.eml"), Encoding.UTF8.GetBytes(
            bounce.Replace("Content-Type: text/plain", "Content-Type: text/plain; charset=x-no-such-charset", StringComparison.Ordinal)
                .Replace("Delivery failed.", "配送できませんでした。", StringComparison.Ordinal)));
        var prose = new StringBuilder("From: MAILER-DAEMON@mx.example.com\r\nTo: sender@example.com\r\nSubject: Undelivered Mail\r\n\r\n");
        for (var i = 0; prose.Length < 10 * 1024 * 1024; i++)
        {
            prose.Append("user").Append(i).Append("@host.example was not reached: 451 4.4.1 later\r\n");
        }

        File.WriteAllText(Path.Combine(_dir.FullName, "c-huge.eml"), prose.ToString());
        File.WriteAllText(Path.Combine(_dir.FullName, "z-good.eml"), Bounce("last@example.jp"));

        var (exit, output, error) = CliRunner.Run("report", "parse", _dir.FullName);

        Assert.Equal(0, exit);
        var lines = ReportParseCommandTests.Lines(output);
        var files = lines.Select(l => Path.GetFileName(l.GetProperty("file").GetString())).Distinct().ToList();
        Assert.Equal(["a-truncated.eml", "b-charset.eml", "c-huge.eml", "z-good.eml"], files);
        // Cut inside the status part: no recipient can be named, so it is not a report.
        Assert.Equal("none", lines.Single(l => l.GetProperty("file").GetString()!.EndsWith("a-truncated.eml", StringComparison.Ordinal)).GetProperty("kind").GetString());
        Assert.Equal("last@example.jp", lines.Single(l => l.GetProperty("file").GetString()!.EndsWith("b-charset.eml", StringComparison.Ordinal)).GetProperty("recipient").GetString());
        var good = lines[^1];
        Assert.Equal(("last@example.jp", "5.1.1"), (good.GetProperty("recipient").GetString(), good.GetProperty("status").GetString()));
        Assert.Equal(string.Empty, error);
    }

    private static string Bounce(string recipient) =>
        ReportParseCommandTests.Bounce(recipient, "5.1.1", "550 5.1.1 User unknown");
}
