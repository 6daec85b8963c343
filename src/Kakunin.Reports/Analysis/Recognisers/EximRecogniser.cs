using System.Text;
using System.Text.RegularExpressions;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Exim: "This message was created automatically by mail delivery software." and X-Failed-Recipients; without
/// either (a translated bounce_message_file), the indented address / "host name [ip]" layout (<see cref="TextLayout.IsExim"/>).
/// Each address (indented two spaces) owns the lines indented deeper below it (deliver.c writes them so):
/// its words are those lines only, so an address whose failure has no SMTP code ("Unrouteable address")
/// never takes another address's reply.
/// </summary>
internal sealed partial class EximRecogniser : TextBounceRecogniser
{
    public override string Format => "exim";

    protected override bool Matches(ReportContext context) =>
        context.Header("X-Failed-Recipients") is not null
        || context.TextContains("This message was created automatically by mail delivery software", "The following address(es) failed", "SMTP error from remote mail server", "retry timeout exceeded")
        || TextLayout.IsExim(context.ReadableLines);

    protected override List<RawOutcome>? ReadLayout(ReportContext context)
    {
        var lines = context.ReadableLines;
        var blocks = new List<(string Address, StringBuilder Text)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Count; i++)
        {
            if (AddressLinePattern().Match(lines[i]) is not { Success: true } m)
            {
                continue;
            }

            var text = new StringBuilder();
            for (var j = i + 1; j < lines.Count && lines[j].StartsWith("    ", StringComparison.Ordinal); j++)
            {
                var line = lines[j].Trim();
                if (line.StartsWith("(generated from", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // the alias the address came from, not its failure
                }

                text.Append(text.Length > 0 ? "\n" : string.Empty).Append(line.StartsWith("Delay reason:", StringComparison.OrdinalIgnoreCase) ? line["Delay reason:".Length..].Trim() : line);
            }

            if (text.Length > 0 && seen.Add(m.Groups["addr"].Value))
            {
                blocks.Add((m.Groups["addr"].Value, text));
            }
        }

        if (blocks.Count == 0)
        {
            return null;
        }

        var whole = context.SubjectAndText;
        var action = BounceText.ActionFromText(whole);
        return [.. blocks.Select(b =>
        {
            var words = b.Text.ToString();
            return new RawOutcome(b.Address)
            {
                Action = action,
                Status = BounceText.ReadStatus(words),
                ReplyCode = BounceText.ReplyCode(words),
                Diagnostic = BounceText.Diagnostic(words),
                RemoteMta = BounceText.RemoteMta(words),
                Command = BounceText.FailedCommand(words),
                Context = words + "\n" + context.Subject,
            };
        })];
    }

    // "  user@example.com" or "  <user@example.com>": two spaces, the address alone (deliver.c).
    [GeneratedRegex(@"^  <?(?<addr>[^\s<>@]+@[^\s<>@]+\.[A-Za-z]{2,})>?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressLinePattern();
}
