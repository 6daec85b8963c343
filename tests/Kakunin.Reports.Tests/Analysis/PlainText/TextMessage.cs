using System.Text;
using Kakunin.Reports.Analysis;
using MimeKit;

namespace Kakunin.Reports.Tests.Analysis.PlainText;

/// <summary>Builds a one-part text/plain report from its sender, subject and body, and analyses it.</summary>
internal static class TextMessage
{
    public static ReportAnalysis Analyze(string from, string subject, string body, string extraHeaders = "")
    {
        var text = $"From: {from}\r\nTo: sender@kakunin.example\r\nSubject: {subject}\r\nDate: Mon, 05 Jan 2026 09:05:00 +0000\r\n"
            + $"Message-ID: <t-{Guid.NewGuid():N}@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n{extraHeaders}\r\n"
            + body.ReplaceLineEndings("\r\n");
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));
        return ReportAnalyzer.Analyze(MimeMessage.Load(stream));
    }

    public static RecipientOutcome For(this ReportAnalysis analysis, string address) =>
        Assert.Single(analysis.Recipients, r => string.Equals(r.Recipient, address, StringComparison.OrdinalIgnoreCase));
}
