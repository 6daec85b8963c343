using Kakunin.Protocol;
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Reports.Receipts;

/// <summary>
/// What a received message asks for in the way of read receipts: the RFC 8098 request
/// (Disposition-Notification-To, Disposition-Notification-Options, Original-Recipient), the
/// legacy headers other clients use, and the Return-Path data for the §2.1 comparison.
/// </summary>
public sealed record ReadReceiptRequest
{
    /// <summary>The Disposition-Notification-To addresses (RFC 8098 §2.1), all occurrences, in order.</summary>
    public required IReadOnlyList<MailboxAddress> NotificationAddresses { get; init; }

    /// <summary>How many Disposition-Notification-To fields there were (the RFC allows at most one).</summary>
    public int NotificationHeaderCount { get; init; }

    /// <summary>Disposition-Notification-Options parameters (RFC 8098 §2.2).</summary>
    public IReadOnlyList<DispositionNotificationOption> Options { get; init; } = [];

    /// <summary>Return-Receipt-To / X-Confirm-Reading-To: recognised, reported as legacy, never a standard request.</summary>
    public IReadOnlyList<LegacyReceiptHeader> LegacyHeaders { get; init; } = [];

    /// <summary>The Return-Path addr-specs, in order; "" for the null path &lt;&gt;.</summary>
    public IReadOnlyList<string> ReturnPaths { get; init; } = [];

    /// <summary>The Original-Recipient header (RFC 8098 §2.3) when exactly one was present (§3.2.3).</summary>
    public MdnAddress? OriginalRecipient { get; init; }

    /// <summary>True when the message carries a Disposition-Notification-To with at least one address.</summary>
    public bool IsStandardRequest => NotificationAddresses.Count > 0;

    /// <summary>True when only a legacy header asks for a receipt.</summary>
    public bool IsLegacyOnly => !IsStandardRequest && LegacyHeaders.Count > 0;

    /// <summary>More than one distinct addr-spec in Disposition-Notification-To (RFC 8098 §2.1: consent needed).</summary>
    public bool HasSeveralAddresses =>
        NotificationAddresses.Skip(1).Any(a => !SameAddrSpec(a.Address, NotificationAddresses[0].Address));

    /// <summary>
    /// True when there is exactly one Return-Path and it equals every notification address by
    /// the RFC 8098 §2.1 comparison. Several Return-Path fields count as a failed comparison
    /// (§2.1 allows either; failing is the safe side).
    /// </summary>
    public bool ReturnPathMatches =>
        IsStandardRequest
        && ReturnPaths.Count == 1
        && NotificationAddresses.All(a => SameAddrSpec(a.Address, ReturnPaths[0]));

    /// <summary>Required options Kakunin does not understand (RFC 8098 §2.2).</summary>
    public IEnumerable<DispositionNotificationOption> BlockingOptions => Options.Where(o => o.BlocksReceipt);

    /// <summary>Option attributes Kakunin interprets. RFC 8098 registers none, and Kakunin knows none yet.</summary>
    public static IReadOnlySet<string> UnderstoodOptions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>RFC 8098 §2.1: addr-spec only, local part case-sensitive, domain case-insensitive (<see cref="MailboxIdentity.IsExactly"/>).</summary>
    private static bool SameAddrSpec(string a, string b) =>
        MailboxIdentity.Parse(a) is { } x && x.IsExactly(MailboxIdentity.Parse(b));

    /// <summary>Detects the request in a message's header fields.</summary>
    public static ReadReceiptRequest Detect(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Detect(message.Headers);
    }

    /// <summary>Detects the request in a header list. Never throws on malformed values.</summary>
    public static ReadReceiptRequest Detect(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var addresses = new List<MailboxAddress>();
        var dntCount = 0;
        var options = new List<DispositionNotificationOption>();
        var legacy = new List<LegacyReceiptHeader>();
        var returnPaths = new List<string>();
        var originals = new List<MdnAddress>();
        foreach (var header in headers)
        {
            var name = header.Field;
            var value = header.Value ?? string.Empty;
            if (Is(name, "Disposition-Notification-To"))
            {
                dntCount++;
                addresses.AddRange(Mailboxes(value));
            }
            else if (Is(name, "Disposition-Notification-Options"))
            {
                options.AddRange(DispositionNotificationOptionsParser.Parse(value, UnderstoodOptions));
            }
            else if (Is(name, "Return-Receipt-To") || Is(name, "X-Confirm-Reading-To"))
            {
                legacy.Add(new LegacyReceiptHeader(name, Mailboxes(value)));
            }
            else if (Is(name, "Return-Path"))
            {
                returnPaths.Add(ReturnPath(value));
            }
            else if (Is(name, "Original-Recipient") && MdnAddress.Parse(value) is { } original)
            {
                originals.Add(original);
            }
        }

        return new ReadReceiptRequest
        {
            NotificationAddresses = addresses,
            NotificationHeaderCount = dntCount,
            Options = options,
            LegacyHeaders = legacy,
            ReturnPaths = returnPaths,
            // RFC 8098 §3.2.3: with several, act as if there were none.
            OriginalRecipient = originals.Count == 1 ? originals[0] : null,
        };
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static List<MailboxAddress> Mailboxes(string value)
    {
        if (!InternetAddressList.TryParse(value, out var list))
        {
            return [];
        }

        var result = new List<MailboxAddress>();
        foreach (var address in list)
        {
            if (address is MailboxAddress mailbox)
            {
                result.Add(mailbox);
            }
            else if (address is GroupAddress group)
            {
                result.AddRange(group.Members.OfType<MailboxAddress>());
            }
        }

        return result;
    }

    private static string ReturnPath(string value)
    {
        var s = Mdn.FieldText.StripComments(value).Trim();
        if (s.StartsWith('<'))
        {
            var end = s.IndexOf('>', StringComparison.Ordinal);
            s = end > 0 ? s[1..end] : s[1..];
        }

        return s.Trim();
    }
}
