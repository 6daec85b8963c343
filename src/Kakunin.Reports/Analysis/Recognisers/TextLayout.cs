using System.Text.RegularExpressions;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// The line layouts that tell the prose-bounce families apart when their fixed sentences are missing (a
/// translated or customised template, a forwarder that rewrote the banner). Each test reads the shape the
/// MTA's source writes, not its words:
/// <list type="bullet">
/// <item>qmail (qmail-send.c): a recipient paragraph opened by "&lt;addr&gt;:" alone on its line, whose lines
/// end in qmail's "(#x.y.z)" code or carry qmail-remote's "Remote host said:"; no session transcript.</item>
/// <item>Courier (courierdsn): "&lt;addr&gt;:" alone, an indented "host [ip]:" line, then "&gt;&gt;&gt;" / "&lt;&lt;&lt;" lines.</item>
/// <item>Sendmail (savemail.c): "&gt;&gt;&gt; COMMAND" / "&lt;&lt;&lt; reply" transcript lines without Courier's headings.</item>
/// <item>Exim (deliver.c): a two-space-indented address line followed by deeper-indented lines that name
/// the remote host as "host name [ip]" or say "SMTP error from remote ...".</item>
/// </list>
/// </summary>
internal static partial class TextLayout
{
    public static bool IsQmail(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsBareHeading(lines[i]))
            {
                continue;
            }

            for (var j = i + 1; j < lines.Count && !string.IsNullOrWhiteSpace(lines[j]); j++)
            {
                var line = lines[j].Trim();
                if (line.StartsWith(">>>", StringComparison.Ordinal) || line.StartsWith("<<<", StringComparison.Ordinal))
                {
                    return false;
                }

                if (QmailCodePattern().IsMatch(line) || line.StartsWith("Remote host said:", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsCourier(IReadOnlyList<string> lines)
    {
        for (var i = 0; i + 2 < lines.Count; i++)
        {
            if (IsBareHeading(lines[i]) && HostLinePattern().IsMatch(lines[i + 1])
                && (lines[i + 2].TrimStart().StartsWith(">>>", StringComparison.Ordinal) || lines[i + 2].TrimStart().StartsWith("<<<", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsSendmailTranscript(IReadOnlyList<string> lines) =>
        !IsCourier(lines)
        && lines.Any(l => l.StartsWith(">>> ", StringComparison.Ordinal))
        && lines.Any(l => l.StartsWith("<<< ", StringComparison.Ordinal));

    public static bool IsExim(IReadOnlyList<string> lines)
    {
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            var candidate = lines[i];
            if (candidate.Length < 5 || candidate[0] != ' ' || candidate[1] != ' ' || candidate[2] == ' '
                || !candidate.Contains('@', StringComparison.Ordinal) || !EximAddressPattern().IsMatch(candidate))
            {
                continue;
            }

            for (var j = i + 1; j < lines.Count && j < i + 5 && lines[j].StartsWith("    ", StringComparison.Ordinal); j++)
            {
                var line = lines[j].Trim();
                if (EximHostPattern().IsMatch(line) || line.StartsWith("SMTP error from remote", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The regexes run only on lines that can match (a cheap first-character test): these tests run on every
    // prose bounce no earlier family claimed.
    private static bool IsBareHeading(string line) =>
        line.Length > 4 && line[0] == '<' && BareHeadingPattern().IsMatch(line);

    // "<user@example.net>:" alone on its line (qmail, Courier).
    [GeneratedRegex(@"^<[^<>\s@]+@[^<>\s@]+>:\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareHeadingPattern();

    // qmail's own codes: "... (#5.1.1)" at the end of a line, or inside vpopmail's "vpopmail (#5.1.1)".
    [GeneratedRegex(@"\(#[245]\.\d{1,3}\.\d{1,3}\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex QmailCodePattern();

    // Courier: "    mx.example.org [192.0.2.1]:".
    [GeneratedRegex(@"^\s+[A-Za-z0-9.\-]+\s+\[[0-9A-Fa-f.:]+\]:\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostLinePattern();

    // Exim: "  user@example.com" (two spaces, the address alone).
    [GeneratedRegex(@"^  [^\s<>@]+@[^\s<>@]+\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex EximAddressPattern();

    // Exim: "host mx.example.com [192.0.2.1]" at the start of an indented line.
    [GeneratedRegex(@"^host\s+[A-Za-z0-9.\-]+\s+\[[0-9A-Fa-f.:]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex EximHostPattern();
}
