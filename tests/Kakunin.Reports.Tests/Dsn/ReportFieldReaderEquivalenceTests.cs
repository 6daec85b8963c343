using System.Text;
using Kakunin.Reports.Fields;

namespace Kakunin.Reports.Tests.Dsn;

// ReportFieldReader.ReadGroups was rewritten for speed (docs/benchmarks.md §5, sixth pass): values as ranges of the
// text until a line folds them, names of known fields shared. It must read every text into the same groups, names
// and values as the reader it replaced, kept here as the reference, over generated status parts: fields known and
// unknown, folded values, blank and whitespace-only lines, CR, LF and CRLF ends, prose lines, spaces before colons.
public sealed class ReportFieldReaderEquivalenceTests
{
    private static readonly string[] Pieces =
    [
        "Final-Recipient: rfc822; a@example.net", "Action: failed", "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 no",
        "final-recipient:rfc822;b@example.net", "Reporting-MTA : dns; mx", "Remote-MTA:   dns; [192.0.2.1]  ", "X-Vendor: ",
        "Diagnostic-Code:", " continued here", "\tand\there ", "   ", "", "This is prose: not a field", ":no name",
        "Will-Retry-Until: Mon, 7 Dec 2026", "Status:5.0.0 (permanent)", "Action", "a b : c", "Action: delayed\u00a0",
    ];

    private static readonly string[] Ends = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"];

    [Fact]
    public void Reads_the_groups_the_old_reader_read()
    {
        var random = new Random(3464);
        for (var i = 0; i < 4000; i++)
        {
            var text = new StringBuilder();
            var lines = random.Next(0, 16);
            for (var j = 0; j < lines; j++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
                if (j < lines - 1 || random.Next(2) == 0)
                {
                    text.Append(Ends[random.Next(Ends.Length)]);
                }
            }

            var input = text.ToString();
            Assert.True(Render(OldReadGroups(input)) == Render(ReportFieldReader.ReadGroups(input)), $"input {i}: {input.ReplaceLineEndings("⏎")}");
        }
    }

    private static string Render(IReadOnlyList<ReportFieldGroup> groups) =>
        string.Join("\n--\n", groups.Select(g => string.Join("\n", g.Fields.Select(f => $"[{f.Name}]=[{f.Value}]"))));

    // ReportFieldReader.ReadGroups as it was before the sixth pass (commit dc849b4).
    private static List<ReportFieldGroup> OldReadGroups(string text)
    {
        var groups = new List<ReportFieldGroup>();
        var current = new List<ReportField>();
        string? name = null;
        var value = new StringBuilder();
        var total = 0;

        void EndField()
        {
            if (name is not null)
            {
                current.Add(new ReportField(name, value.ToString().Trim()));
                total++;
                name = null;
                value.Clear();
            }
        }

        void EndGroup()
        {
            EndField();
            if (current.Count > 0)
            {
                groups.Add(new ReportFieldGroup(current));
                current = [];
            }
        }

        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            var end = rest.IndexOfAny('\r', '\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1))..];
            if (total >= ReportFieldReader.MaxFields)
            {
                break;
            }

            if (line.IsWhiteSpace())
            {
                EndGroup();
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                if (name is not null)
                {
                    value.Append(' ').Append(line.Trim());
                }

                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line[..colon].ContainsAny(' ', '\t') && !IsSpaceBeforeColon(line, colon))
            {
                EndField();
                continue;
            }

            EndField();
            name = line[..colon].TrimEnd().ToString();
            value.Append(line[(colon + 1)..].Trim());
        }

        EndGroup();
        return groups;
    }

    private static bool IsSpaceBeforeColon(ReadOnlySpan<char> line, int colon) =>
        !line[..colon].TrimEnd().ContainsAny(' ', '\t');
}

// ReportFieldReader.SplitLines (vectorised since the sixth pass, docs/benchmarks.md §5) must give the lines the plain
// character loop it replaced gives, for every mix of CR, LF and CRLF, blank lines and a text with or without a last
// line end.
public sealed class LineListEquivalenceTests
{
    private static readonly string[] Pieces = ["a", "bc", " ", "\r", "\n", "\r\n", "\n\r", "\r\r", "é", ""];

    [Fact]
    public void Gives_the_lines_the_character_loop_gives()
    {
        var random = new Random(5321);
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var expected = Reference(text);
            var actual = ReportFieldReader.SplitLines(text);
            Assert.True(expected.SequenceEqual(actual), $"input {i}: [{text.ReplaceLineEndings("⏎")}] {expected.Count} against {actual.Count} lines");
        }
    }

    // The splitter as it was: one character at a time.
    private static List<string> Reference(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
