using System.Globalization;
using System.Text;

namespace Kakunin.ImapBench;

/// <summary>
/// One mailbox, message by message, the same bytes for both servers: message i is made from a random generator seeded
/// with i. A year of mail, oldest first: 80% short plain text (1–6 KB), 15% text with an HTML alternative (8–20 KB),
/// 5% with a base64 attachment (50–150 KB); about one subject in three Japanese (RFC 2047 B-encoded UTF-8, bodies in
/// UTF-8 base64); older messages read (\Seen), the newest 2% unread, one in fifty \Flagged. Subjects come from
/// templates, so a word such as "invoice" or 請求書 matches a known share (about 5% each).
/// </summary>
internal static class MailboxCorpus
{
    public const string User = "alice@example.test";
    public const string Password = "bench-password";

    /// <summary>The words the SEARCH cases look for: one ASCII, one Japanese (CHARSET UTF-8).</summary>
    public const string EnglishWord = "invoice";
    public const string JapaneseWord = "請求書";

    private static readonly string[] English =
    [
        "Invoice {0} for the October order", "Re: Meeting notes from Tuesday", "Quarterly report draft v{0}", "Fwd: Shipping confirmation {0}",
        "Re: Re: Budget questions", "Your account statement", "Project kickoff agenda", "Re: Contract amendments (round {0})",
        "Lunch on Friday?", "Security update for your devices", "Re: Travel arrangements", "Weekly status {0}",
        "Invitation: design review", "Re: Support ticket #{0}", "Newsletter: what changed this month", "Re: Proposal feedback",
        "Invoice reminder {0}", "Holiday schedule", "Re: Candidate interview slots", "Minutes of the board meeting",
    ];

    private static readonly string[] Japanese =
    [
        "請求書送付のご案内（{0}）", "【ご確認】契約書の件", "会議の日程について", "Re: 見積書のご依頼 {0}",
        "打ち合わせ議事録の共有", "【重要】システムメンテナンスのお知らせ", "Re: 納期のご相談", "出張申請について {0}",
        "新年会のご案内", "Re: 資料送付のお願い",
    ];

    private const string Lorem = "The quarterly figures are attached as discussed; please check the totals against the ledger before Friday. ";
    private const string JapaneseLine = "いつもお世話になっております。ご依頼の件につきまして、添付の資料をご確認いただけますでしょうか。";

    public static DateTimeOffset Start { get; } = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset DateOf(int i, int count) => Start + (TimeSpan.FromDays(365) / Math.Max(1, count) * i);

    /// <summary>IMAP flags of message i (space-separated), as stored on both servers.</summary>
    public static string FlagsOf(int i, int count)
    {
        var flags = new List<string>();
        if (i < count - Math.Max(1, count / 50))
        {
            flags.Add("\\Seen");
        }

        if (i % 50 == 7)
        {
            flags.Add("\\Flagged");
        }

        return string.Join(' ', flags);
    }

    public static byte[] Message(int i, int count)
    {
        var random = new Random(i);
        var japanese = random.Next(3) == 0;
        var templates = japanese ? Japanese : English;
        var subject = string.Format(CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], i);
        var date = DateOf(i, count);
        var header = new StringBuilder();
        header.Append(CultureInfo.InvariantCulture, $"Return-Path: <sender{i % 211}@partner{i % 13}.example.net>\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Received: from mx.partner{i % 13}.example.net (mx.partner{i % 13}.example.net [192.0.2.{i % 250}])\r\n\tby mx.example.test with ESMTPS id B{i:D9}\r\n\tfor <{User}>; {Rfc5322(date)}\r\n");
        header.Append(CultureInfo.InvariantCulture, $"From: {(japanese ? Encoded("山田 太郎") : "Pat Example")} <sender{i % 211}@partner{i % 13}.example.net>\r\n");
        header.Append(CultureInfo.InvariantCulture, $"To: Alice <{User}>\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Subject: {(japanese ? Encoded(subject) : subject)}\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Date: {Rfc5322(date)}\r\n");
        header.Append(CultureInfo.InvariantCulture, $"Message-ID: <bench.{i}@partner{i % 13}.example.net>\r\n");
        header.Append("MIME-Version: 1.0\r\n");

        var kind = random.Next(100);
        var body = new StringBuilder();
        if (kind < 80)
        {
            header.Append(japanese ? "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n" : "Content-Type: text/plain; charset=UTF-8\r\n");
            body.Append(Text(random, 1024 + random.Next(5 * 1024), japanese));
        }
        else
        {
            var boundary = $"=_bench_{i}";
            var mixed = kind >= 95;
            header.Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/{(mixed ? "mixed" : "alternative")}; boundary=\"{boundary}\"\r\n");
            body.Append("This is a multi-part message in MIME format.\r\n");
            body.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\n{(japanese ? "Content-Transfer-Encoding: base64\r\n" : string.Empty)}\r\n");
            body.Append(Text(random, 2048 + random.Next(4 * 1024), japanese));
            if (mixed)
            {
                var attachment = new byte[(50 * 1024) + random.Next(100 * 1024)];
                random.NextBytes(attachment);
                body.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: application/pdf; name=\"report-{i}.pdf\"\r\nContent-Disposition: attachment; filename=\"report-{i}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
                body.Append(Base64Lines(attachment));
            }
            else
            {
                body.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
                var html = new StringBuilder("<html><body>\r\n");
                while (html.Length < 6 * 1024 + random.Next(8 * 1024))
                {
                    html.Append("<p style=3D\"margin:0\">").Append(Lorem).Append("</p>\r\n");
                }

                body.Append(html).Append("</body></html>\r\n");
            }

            body.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        }

        return Encoding.UTF8.GetBytes(header.Append("\r\n").Append(body).ToString());
    }

    private static string Text(Random random, int size, bool japanese)
    {
        var text = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(text.ToString()) < size)
        {
            text.Append(japanese ? JapaneseLine : Lorem.Trim()).Append("\r\n");
            if (random.Next(4) == 0)
            {
                text.Append("\r\n");
            }
        }

        return japanese ? Base64Lines(Encoding.UTF8.GetBytes(text.ToString())) : text.ToString();
    }

    private static string Base64Lines(byte[] bytes)
    {
        var base64 = Convert.ToBase64String(bytes);
        var lines = new StringBuilder(base64.Length + (base64.Length / 76 * 2) + 2);
        for (var at = 0; at < base64.Length; at += 76)
        {
            lines.Append(base64, at, Math.Min(76, base64.Length - at)).Append("\r\n");
        }

        return lines.ToString();
    }

    // RFC 2047 §4.1: an encoded-word, B encoding of UTF-8 (short subjects fit one word under 75 characters).
    private static string Encoded(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var words = new List<string>();
        for (var at = 0; at < bytes.Length;)
        {
            // Split on character boundaries, at most 45 bytes (60 base64 characters) per word.
            var length = Math.Min(45, bytes.Length - at);
            while (at + length < bytes.Length && (bytes[at + length] & 0xC0) == 0x80)
            {
                length--;
            }

            words.Add($"=?UTF-8?B?{Convert.ToBase64String(bytes, at, length)}?=");
            at += length;
        }

        return string.Join("\r\n ", words);
    }

    private static string Rfc5322(DateTimeOffset date) => date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
}
