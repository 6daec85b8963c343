using MimeKit;

namespace Kakunin.Reports.Receipts;

/// <summary>
/// A non-standard receipt request header (Return-Receipt-To, X-Confirm-Reading-To): recognised
/// and reported, never treated as an RFC 8098 request, never added to outgoing mail.
/// </summary>
/// <param name="Name">The header field name as written.</param>
/// <param name="Addresses">The addresses it names (may be empty when unreadable).</param>
public sealed record LegacyReceiptHeader(string Name, IReadOnlyList<MailboxAddress> Addresses);
