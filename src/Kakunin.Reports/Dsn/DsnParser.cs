using System.Text.RegularExpressions;
using Kakunin.Protocol;
using Kakunin.Reports.Fields;
using Kakunin.Reports.Mime;
using MimeKit;
using MimeKit.Utils;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// Reads the machine part of a DSN into a <see cref="DeliveryStatusReport"/>. Strict where the
/// input is right and lenient where real MTAs are sloppy: a missing blank line between the
/// per-message and per-recipient blocks, several recipients in one block, empty blocks, base64
/// status parts, LF or CR line ends, comments after values. Never throws on bad input.
/// </summary>
public static partial class DsnParser
{
    private static readonly HashSet<string> PerMessageFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Original-Envelope-Id", "Reporting-MTA", "DSN-Gateway", "Received-From-MTA", "Arrival-Date",
    };

    private static readonly string[] PerRecipientNames =
    [
        "Original-Recipient", "Final-Recipient", "Action", "Status", "Remote-MTA", "Diagnostic-Code",
        "Last-Attempt-Date", "Final-Log-ID", "Will-Retry-Until",
    ];

    private static readonly HashSet<string> PerRecipientFields = new(PerRecipientNames, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The report of a message/delivery-status (or RFC 6533 message/global-delivery-status) part
    /// anywhere in <paramref name="message"/>, or null when there is none or it holds no recipient.
    /// </summary>
    public static DeliveryStatusReport? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return TryParsePart(FindStatusPart(message.Body));
    }

    /// <summary><see cref="TryParse"/> of a status part already found (null for none).</summary>
    internal static DeliveryStatusReport? TryParsePart(MimeEntity? part) =>
        part is null ? null : TryParseFields(ReportParts.ReadText(part));

    /// <summary>The delivery-status part, global or not.</summary>
    public static MimeEntity? FindStatusPart(MimeEntity? body) =>
        ReportParts.Find(body, "message", "delivery-status")
        ?? ReportParts.Find(body, "message", "global-delivery-status");

    /// <summary>
    /// Reads the text of a status part. Returns null when no recipient block with a recipient
    /// address is found. A missing Reporting-MTA becomes <c>dns; unknown</c> rather than a failure.
    /// </summary>
    public static DeliveryStatusReport? TryParseFields(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (perMessage, perRecipient) = Split(ReportFieldReader.ReadGroups(text));
        // Loops rather than LINQ: this runs for every standard DSN (docs/benchmarks.md §5, fifth pass).
        var recipients = new List<DsnRecipient>(perRecipient.Count);
        foreach (var block in perRecipient)
        {
            if (ReadRecipient(block) is { } recipient)
            {
                recipients.Add(recipient);
            }
        }

        if (recipients.Count == 0)
        {
            return null;
        }

        var fields = perMessage?.Fields ?? [];
        var group = perMessage ?? new ReportFieldGroup([]);
        return new DeliveryStatusReport
        {
            ReportingMta = ReadMta(group["Reporting-MTA"]) ?? MtaName.Dns("unknown"),
            OriginalEnvelopeId = NullIfEmpty(group["Original-Envelope-Id"]),
            DsnGateway = ReadMta(group["DSN-Gateway"]),
            ReceivedFromMta = ReadMta(group["Received-From-MTA"]),
            ArrivalDate = ReadDate(group["Arrival-Date"]),
            Recipients = recipients,
            ExtensionFields = Unnamed(fields, PerMessageFields),
        };
    }

    /// <summary>Reads <c>type; address</c>; a value without a type is taken as rfc822.</summary>
    public static TypedAddress? ReadAddress(string? value)
    {
        // Untyped and without an @ it is no address: a report cut short after "rfc822" (RFC 3464 §2.3.2
        // requires the type; an untyped value is accepted only when it looks like a mailbox).
        if (value is not null && !value.Contains(';', StringComparison.Ordinal) && !value.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var (type, rest) = SplitTyped(value, "rfc822");
        rest = StripComment(rest).Trim().Trim('<', '>', ' ').Trim();
        // A wholly quoted value ("user@example.jp") loses its quotes; a quoted local part
        // ("a..b"@example.jp, RFC 5321 §4.1.2 Quoted-string) keeps them: they are part of the address.
        if (rest.Length >= 2 && rest[0] == '"' && rest.IndexOf('"', 1) == rest.Length - 1)
        {
            rest = rest[1..^1].Trim();
        }

        // RFC 6533 §3: a "utf-8" address is utf-8-addr-unitext or -xtext; undo the \x{HEX} escapes.
        // Other types are plain text, never xtext (RFC 3464 §2.3.1; see DsnComposer).
        if (type.Equals(TypedAddress.Utf8Type, StringComparison.OrdinalIgnoreCase)
            && Utf8AddressText.TryDecodeUnitext(rest, out var decoded))
        {
            rest = decoded;
        }

        return rest.Length == 0 ? null : new TypedAddress(type, rest);
    }

    /// <summary>The first enhanced status code in the value, e.g. in <c>5.0.0 (permanent failure)</c>.</summary>
    public static EnhancedStatusCode? ReadStatus(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // The match's bounds only (no Match object): this runs on every block, line and outcome read.
        foreach (var match in StatusPattern().EnumerateMatches(value))
        {
            return EnhancedStatusCode.TryParse(value.AsSpan(match.Index, match.Length), out var code) ? code : null;
        }

        return null;
    }

    /// <summary>Every enhanced status code (RFC 3463) in <paramref name="text"/>, in order, by the same rule as <see cref="ReadStatus"/>.</summary>
    internal static List<EnhancedStatusCode> ReadStatuses(string? text)
    {
        var codes = new List<EnhancedStatusCode>();
        if (string.IsNullOrEmpty(text))
        {
            return codes;
        }

        foreach (var match in StatusPattern().EnumerateMatches(text))
        {
            if (EnhancedStatusCode.TryParse(text.AsSpan(match.Index, match.Length), out var code))
            {
                codes.Add(code.Value);
            }
        }

        return codes;
    }

    private static (ReportFieldGroup? PerMessage, List<ReportFieldGroup> PerRecipient) Split(IReadOnlyList<ReportFieldGroup> groups)
    {
        ReportFieldGroup? perMessage = null;
        var perRecipient = new List<ReportFieldGroup>();
        foreach (var group in groups)
        {
            foreach (var piece in SplitAtRecipients(group))
            {
                var isRecipient = AnyField(piece.Fields, static f => IsAddressField(f.Name));
                if (isRecipient)
                {
                    perRecipient.Add(piece);
                }
                else if (perMessage is null && perRecipient.Count == 0)
                {
                    perMessage = piece;
                }
                else if (perRecipient.Count > 0 && !AnyField(piece.Fields, static f => !PerRecipientFields.Contains(f.Name)))
                {
                    // A recipient block cut in two by a stray blank line: join it to the one before.
                    perRecipient[^1] = new ReportFieldGroup([.. perRecipient[^1].Fields, .. piece.Fields]);
                }
            }
        }

        return (perMessage, perRecipient);
    }

    // By index: Enumerable.Any over the interface allocated an enumerator per call.
    private static bool AnyField(IReadOnlyList<ReportField> fields, Func<ReportField, bool> test)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (test(fields[i]))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 3464 §2.1: blocks are delimited by blank lines and the fields inside one come in any order
    // (some MTAs write Original-Recipient, Action, Final-Recipient, Status). Inside a blank-line group
    // a new block starts only where the text shows one was run into the next without the blank line:
    // a per-recipient field the block already has comes again (a second recipient), or the first
    // per-recipient field follows per-message fields (the per-message block ends without a blank line).
    private static IEnumerable<ReportFieldGroup> SplitAtRecipients(ReportFieldGroup group)
    {
        var current = new List<ReportField>();
        // The per-recipient fields seen in the current block, one bit per PerRecipientNames entry (a HashSet per
        // group before; the names compare the same way, ordinal ignoring case).
        var seen = 0;
        var hasAddress = false;
        foreach (var field in group.Fields)
        {
            var index = PerRecipientIndex(field.Name);
            var isPerRecipient = index >= 0;
            var repeats = isPerRecipient && hasAddress && (seen & (1 << index)) != 0;
            var endsPerMessage = isPerRecipient && current.Count > 0 && seen == 0;
            if (repeats || endsPerMessage)
            {
                yield return new ReportFieldGroup(current);
                current = [];
                seen = 0;
                hasAddress = false;
            }

            current.Add(field);
            if (isPerRecipient)
            {
                seen |= 1 << index;
                hasAddress |= IsAddressField(field.Name);
            }
        }

        if (current.Count > 0)
        {
            yield return new ReportFieldGroup(current);
        }
    }

    private static int PerRecipientIndex(string name)
    {
        for (var i = 0; i < PerRecipientNames.Length; i++)
        {
            if (name.Equals(PerRecipientNames[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsAddressField(string name) =>
        name.Equals("Original-Recipient", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Final-Recipient", StringComparison.OrdinalIgnoreCase);

    private static DsnRecipient? ReadRecipient(ReportFieldGroup group)
    {
        var original = ReadAddress(group["Original-Recipient"]);
        var final = ReadAddress(group["Final-Recipient"]) ?? original;
        if (final is null)
        {
            return null;
        }

        var status = ReadStatus(group["Status"]);
        return new DsnRecipient
        {
            FinalRecipient = final,
            OriginalRecipient = original,
            Action = DsnActions.Parse(group["Action"]) ?? GuessAction(status),
            Status = status,
            RemoteMta = ReadMta(group["Remote-MTA"]),
            DiagnosticCode = ReadDiagnostic(group["Diagnostic-Code"]),
            LastAttemptDate = ReadDate(group["Last-Attempt-Date"]),
            FinalLogId = NullIfEmpty(group["Final-Log-ID"]),
            WillRetryUntil = ReadDate(group["Will-Retry-Until"]),
            ExtensionFields = Unnamed(group.Fields, PerRecipientFields),
        };
    }

    // The fields whose names the model does not give a property, in order.
    private static List<ReportField> Unnamed(IReadOnlyList<ReportField> fields, HashSet<string> named)
    {
        var unnamed = new List<ReportField>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (!named.Contains(fields[i].Name))
            {
                unnamed.Add(fields[i]);
            }
        }

        return unnamed;
    }

    // No or unknown Action: the status class is the best evidence (RFC 3464 §2.3.4 ties them).
    private static DsnAction GuessAction(EnhancedStatusCode? status) => status?.Class switch
    {
        2 => DsnAction.Delivered,
        4 => DsnAction.Delayed,
        _ => DsnAction.Failed,
    };

    private static MtaName? ReadMta(string? value)
    {
        var (type, rest) = SplitTyped(value, "dns");
        rest = StripComment(rest).Trim().Trim('[', ']').Trim();
        return rest.Length == 0 ? null : new MtaName(type, rest);
    }

    private static DiagnosticCode? ReadDiagnostic(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        // "smtp; 550 ..." is typed; "550 5.1.1 ..." without a type is taken as smtp.
        return semi > 0 && semi <= 20 && !value.AsSpan(0, semi).ContainsAny(' ', '\t')
            ? new DiagnosticCode(value[..semi].Trim(), value[(semi + 1)..].Trim())
            : new DiagnosticCode("smtp", value.Trim());
    }

    private static DateTimeOffset? ReadDate(string? value) =>
        value is not null && DateUtils.TryParse(value.Trim(), out DateTimeOffset date) ? date : null;

    private static (string Type, string Value) SplitTyped(string? value, string defaultType)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (defaultType, string.Empty);
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        if (semi < 0)
        {
            return (defaultType, value.Trim());
        }

        var type = value[..semi].Trim();
        return (type.Length == 0 ? defaultType : type, value[(semi + 1)..]);
    }

    private static string StripComment(string value)
    {
        var open = value.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && value.TrimEnd().EndsWith(')') ? value[..open] : value;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
