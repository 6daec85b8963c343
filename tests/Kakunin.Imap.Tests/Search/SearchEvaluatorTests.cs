using System.Text;
using Kakunin.Imap.Search;

namespace Kakunin.Imap.Tests.Search;

// Expected values are read from the RFC 9051 §6.4.4 text and from the fixtures' plain text (the base64/QP bodies were
// produced with Python's base64/quopri from the Japanese sentence written in the test).
public sealed class SearchEvaluatorTests
{
    private const string Sentence = "お見積りの件について、ご確認ください。";

    // ISO-2022-JP subject "会議の議事録", UTF-8 name "山田太郎", body in ISO-2022-JP base64.
    private const string Iso2022JpMessage =
        "From: =?utf-8?b?5bGx55Sw5aSq6YOO?= <taro@example.jp>\r\n" +
        "To: hanako@example.jp\r\n" +
        "Cc: Jiro <jiro@example.jp>\r\n" +
        "Subject: =?iso-2022-jp?b?GyRCMnE1RCRONUQ7dk8/GyhC?=\r\n" +
        "X-Ticket: ABC-123\r\n" +
        "X-Empty:\r\n" +
        "Date: Mon, 02 Jun 2025 23:30:00 +0900\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=ISO-2022-JP\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "GyRCJCo4K0BRJGokTjdvJEskRCQkJEYhIiQ0M05HJyQvJEAkNSQkISMbKEI=\r\n";

    // multipart/alternative: UTF-8 quoted-printable text and UTF-8 base64 HTML, and a PDF attachment named in ASCII.
    private const string MultipartMessage =
        "From: sales@example.com\r\n" +
        "To: buyer@example.com\r\n" +
        "Subject: Quote\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n" +
        "\r\n" +
        "--outer\r\n" +
        "Content-Type: multipart/alternative; boundary=\"inner\"\r\n" +
        "\r\n" +
        "--inner\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "=E3=81=8A=E8=A6=8B=E7=A9=8D=E3=82=8A=E3=81=AE=E4=BB=B6=E3=81=AB=E3=81=A4=E3=\r\n" +
        "=81=84=E3=81=A6=E3=80=81=E3=81=94=E7=A2=BA=E8=AA=8D=E3=81=8F=E3=81=A0=E3=81=\r\n" +
        "=95=E3=81=84=E3=80=82\r\n" +
        "--inner\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "44GK6KaL56mN44KK44Gu5Lu244Gr44Gk44GE44Gm44CB44GU56K66KqN44GP44Gg44GV44GE44CC\r\n" +
        "--inner--\r\n" +
        "--outer\r\n" +
        "Content-Type: application/octet-stream; name=secret.bin\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "VmVyeVNlY3JldA==\r\n" +
        "--outer--\r\n";

    private static SearchRow Row(
        string? content = null, string? subject = "会議の議事録", string? from = "山田太郎 <taro@example.jp>", string? to = "hanako@example.jp",
        string[]? flags = null, uint uid = 10, DateTimeOffset? internalDate = null, DateTimeOffset? sentDate = null, long size = 1000, ulong modSeq = 5) =>
        new(uid, modSeq, flags ?? ["\\Seen", "$MDNSent"], internalDate ?? new DateTimeOffset(2025, 6, 2, 23, 30, 0, TimeSpan.FromHours(9)), size,
            subject, from, to, sentDate, content is null ? (ReadOnlyMemory<byte>?)null : Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Subject_matches_a_Japanese_substring_of_the_decoded_summary()
    {
        Assert.True(SearchEvaluator.Matches(new HeaderKey("SUBJECT", "議事"), Row()));
        Assert.False(SearchEvaluator.Matches(new HeaderKey("Subject", "議題"), Row()));
    }

    [Fact]
    public void Strings_match_without_regard_to_case_beyond_ascii()
    {
        Assert.True(SearchEvaluator.Matches(new HeaderKey("From", "TARO@EXAMPLE"), Row()));
        Assert.True(SearchEvaluator.Matches(new HeaderKey("Subject", "ÉTÉ"), Row(subject: "Réunion d'été")));
        Assert.True(SearchEvaluator.Matches(new HeaderKey("Subject", "привет"), Row(subject: "ПРИВЕТ мир")));
    }

    [Fact]
    public void An_empty_string_matches_every_message_with_the_field_and_none_without()
    {
        Assert.True(SearchEvaluator.Matches(new HeaderKey("Subject", ""), Row()));
        Assert.False(SearchEvaluator.Matches(new HeaderKey("Subject", ""), Row(subject: null)));
        Assert.True(SearchEvaluator.Matches(new HeaderKey("X-Empty", ""), Row(Iso2022JpMessage)));
        Assert.False(SearchEvaluator.Matches(new HeaderKey("X-Missing", ""), Row(Iso2022JpMessage)));
    }

    [Fact]
    public void Other_fields_are_read_from_the_message_header_decoded()
    {
        Assert.True(SearchEvaluator.Matches(new HeaderKey("x-ticket", "abc-1"), Row(Iso2022JpMessage)));
        Assert.True(SearchEvaluator.Matches(new HeaderKey("CC", "jiro"), Row(Iso2022JpMessage)));
        Assert.False(SearchEvaluator.Matches(new HeaderKey("Bcc", "jiro"), Row(Iso2022JpMessage)));
    }

    [Fact]
    public void Body_finds_text_in_an_iso_2022_jp_base64_part()
    {
        Assert.True(SearchEvaluator.Matches(new TextKey("ご確認", BodyOnly: true), Row(Iso2022JpMessage)));
        Assert.False(SearchEvaluator.Matches(new TextKey("会議", BodyOnly: true), Row(Iso2022JpMessage)));
    }

    [Fact]
    public void Text_also_searches_the_decoded_header()
    {
        Assert.True(SearchEvaluator.Matches(new TextKey("会議", BodyOnly: false), Row(Iso2022JpMessage)));
        Assert.True(SearchEvaluator.Matches(new TextKey("山田", BodyOnly: false), Row(Iso2022JpMessage)));
        Assert.True(SearchEvaluator.Matches(new TextKey("見積", BodyOnly: false), Row(Iso2022JpMessage)));
    }

    [Fact]
    public void Body_decodes_quoted_printable_and_base64_utf8_parts_and_skips_binary_attachments()
    {
        // The QP soft line breaks split a character across lines: only the decoded text contains the whole word.
        Assert.True(SearchEvaluator.Matches(new TextKey("ついて、ご確認", BodyOnly: true), Row(MultipartMessage)));
        Assert.False(SearchEvaluator.Matches(new TextKey("=E3=81", BodyOnly: true), Row(MultipartMessage)));
        Assert.False(SearchEvaluator.Matches(new TextKey("VerySecret", BodyOnly: true), Row(MultipartMessage)));
        Assert.False(SearchEvaluator.Matches(new TextKey("Quote", BodyOnly: true), Row(MultipartMessage)));
        Assert.True(SearchEvaluator.Matches(new TextKey("Quote", BodyOnly: false), Row(MultipartMessage)));
    }

    [Fact]
    public void Flags_and_keywords_match_without_regard_to_case()
    {
        Assert.True(SearchEvaluator.Matches(new FlagKey("\\SEEN", true), Row()));
        Assert.True(SearchEvaluator.Matches(new FlagKey("$mdnsent", true), Row()));
        Assert.False(SearchEvaluator.Matches(new FlagKey("\\Seen", false), Row()));
        Assert.True(SearchEvaluator.Matches(new FlagKey("\\Flagged", false), Row()));
    }

    [Fact]
    public void Uid_ranges_are_inclusive_at_both_ends()
    {
        Assert.True(SearchEvaluator.Matches(new UidKey([new UidRange(1, 3), new UidRange(10, 10)]), Row(uid: 10)));
        Assert.True(SearchEvaluator.Matches(new UidKey([new UidRange(12, 10)]), Row(uid: 10)));
        Assert.False(SearchEvaluator.Matches(new UidKey([new UidRange(11, 20)]), Row(uid: 10)));
    }

    [Fact]
    public void Internal_date_compares_the_day_in_its_own_offset()
    {
        // 2025-06-02 23:30 +09:00 is 2025-06-02 14:30 UTC; the day is 2 June either way, but 00:30 +09:00 on 3 June is
        // still 2 June in UTC: RFC 9051 compares the date as written, so it is 3 June.
        var late = Row(internalDate: new DateTimeOffset(2025, 6, 3, 0, 30, 0, TimeSpan.FromHours(9)));
        Assert.True(SearchEvaluator.Matches(new DateKey(Comparison.On, new DateOnly(2025, 6, 3), false), late));
        Assert.True(SearchEvaluator.Matches(new DateKey(Comparison.Since, new DateOnly(2025, 6, 3), false), late));
        Assert.False(SearchEvaluator.Matches(new DateKey(Comparison.Before, new DateOnly(2025, 6, 3), false), late));
        Assert.True(SearchEvaluator.Matches(new DateKey(Comparison.Before, new DateOnly(2025, 6, 4), false), late));
    }

    [Fact]
    public void Sent_dates_use_the_date_field_and_a_message_without_one_matches_no_sent_key()
    {
        var sent = Row(sentDate: new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.FromHours(-5)));
        Assert.True(SearchEvaluator.Matches(new DateKey(Comparison.On, new DateOnly(2024, 12, 31), true), sent));
        Assert.False(SearchEvaluator.Matches(new DateKey(Comparison.On, new DateOnly(2025, 6, 2), true), sent));
        Assert.False(SearchEvaluator.Matches(new DateKey(Comparison.Since, new DateOnly(2000, 1, 1), true), Row()));
        Assert.True(SearchEvaluator.Matches(new NotKey(new DateKey(Comparison.Since, new DateOnly(2000, 1, 1), true)), Row()));
    }

    [Fact]
    public void Larger_and_smaller_are_strict()
    {
        Assert.False(SearchEvaluator.Matches(new SizeKey(1000, Larger: true), Row(size: 1000)));
        Assert.False(SearchEvaluator.Matches(new SizeKey(1000, Larger: false), Row(size: 1000)));
        Assert.True(SearchEvaluator.Matches(new SizeKey(999, Larger: true), Row(size: 1000)));
        Assert.True(SearchEvaluator.Matches(new SizeKey(1001, Larger: false), Row(size: 1000)));
    }

    [Fact]
    public void Modseq_matches_at_least_the_given_value()
    {
        Assert.True(SearchEvaluator.Matches(new ModSeqKey(5), Row(modSeq: 5)));
        Assert.False(SearchEvaluator.Matches(new ModSeqKey(6), Row(modSeq: 5)));
    }

    [Fact]
    public void And_or_not_combine()
    {
        var seen = new FlagKey("\\Seen", true);
        var flagged = new FlagKey("\\Flagged", true);
        Assert.False(SearchEvaluator.Matches(new AndKey([seen, flagged]), Row()));
        Assert.True(SearchEvaluator.Matches(new OrKey(flagged, seen), Row()));
        Assert.True(SearchEvaluator.Matches(new AndKey([seen, new NotKey(flagged), new AllKey()]), Row()));
        Assert.True(SearchEvaluator.Matches(new AndKey([]), Row()));
    }

    [Fact]
    public void A_key_that_needs_the_bytes_refuses_a_row_without_them()
    {
        Assert.Throws<ArgumentException>(() => SearchEvaluator.Matches(new TextKey("x", true), Row()));
    }

    [Fact]
    public void An_empty_message_matches_no_text_and_does_not_throw()
    {
        Assert.False(SearchEvaluator.Matches(new TextKey("x", false), Row("")));
        Assert.False(SearchEvaluator.Matches(new HeaderKey("Cc", ""), Row("")));
    }
}
