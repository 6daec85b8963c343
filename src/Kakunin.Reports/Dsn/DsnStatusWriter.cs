using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// Writes the body of a message/delivery-status (or message/global-delivery-status) part: the
/// per-message block, then one block per recipient, each separated by a blank line (RFC 3464 §2.1),
/// fields in the order RFC 3464 §2.2 and §2.3 list them, extension fields last and in order.
/// </summary>
internal static class DsnStatusWriter
{
    // RFC 5322 §2.1.1: lines SHOULD be at most 78 characters; longer values are folded at a space.
    private const int FoldAt = 78;

    public static string Write(DeliveryStatusReport report, bool global)
    {
        var sb = new StringBuilder();

        // RFC 3464 §2.2: per-message fields.
        // §2.2.1: the ENVID as given with MAIL, xtext-decoded (see docs/dsn.md for why decoded).
        Field(sb, "Original-Envelope-Id", report.OriginalEnvelopeId);
        Field(sb, "Reporting-MTA", report.ReportingMta.ToString()); // §2.2.2, required
        Field(sb, "DSN-Gateway", report.DsnGateway?.ToString()); // §2.2.3
        Field(sb, "Received-From-MTA", report.ReceivedFromMta?.ToString()); // §2.2.4
        Field(sb, "Arrival-Date", Date(report.ArrivalDate)); // §2.2.5
        foreach (var field in report.ExtensionFields)
        {
            Field(sb, field.Name, field.Value);
        }

        foreach (var r in report.Recipients)
        {
            sb.Append("\r\n"); // RFC 3464 §2.1: a blank line before each per-recipient block.
            Field(sb, "Original-Recipient", Address(r.OriginalRecipient, global)); // §2.3.1
            Field(sb, "Final-Recipient", Address(r.FinalRecipient, global)); // §2.3.2, required
            Field(sb, "Action", r.Action.ToWire()); // §2.3.3, required
            Field(sb, "Status", r.Status?.ToString()); // §2.3.4, required (checked by the composer)
            Field(sb, "Remote-MTA", r.RemoteMta?.ToString()); // §2.3.5
            Field(sb, "Diagnostic-Code", r.DiagnosticCode?.ToString()); // §2.3.6
            Field(sb, "Last-Attempt-Date", Date(r.LastAttemptDate)); // §2.3.7
            Field(sb, "Final-Log-ID", r.FinalLogId); // §2.3.8
            Field(sb, "Will-Retry-Until", Date(r.WillRetryUntil)); // §2.3.9
            foreach (var field in r.ExtensionFields)
            {
                Field(sb, field.Name, field.Value);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>address-type "; " generic-address</c>, the address as given (not xtext, RFC 3464 §2.3.1).
    /// A non-ASCII address uses the RFC 6533 §3 <c>utf-8</c> type: utf-8-addr-unitext in a global
    /// status part, utf-8-addr-xtext in a plain one.
    /// </summary>
    public static string? Address(TypedAddress? address, bool global)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsUtf8Type || !Ascii.IsValid(address.Address))
        {
            var encodes = global
                ? Utf8AddressText.TryEncodeUnitext(address.Address, out var encoded)
                : Utf8AddressText.TryEncodeXtext(address.Address, out encoded);
            if (!encodes)
            {
                throw new ArgumentException($"The address '{address.Address}' cannot be written as utf-8-addr text (RFC 6533 §3).", nameof(address));
            }

            return $"{TypedAddress.Utf8Type}; {encoded}";
        }

        return $"{address.AddressType}; {address.Address}";
    }

    private static string? Date(DateTimeOffset? date) => date is { } d ? Rfc5322Date.Format(d) : null;

    private static void Field(StringBuilder sb, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        Validate(name, value);
        var line = new StringBuilder(name).Append(": ");
        var lineLength = line.Length;
        var words = value.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            // Fold only at a single space between two words, so that unfolding (which joins with
            // one space, RFC 5322 §2.2.3) gives back the same value.
            var canFold = i > 0 && word.Length > 0 && words[i - 1].Length > 0;
            if (i > 0)
            {
                if (canFold && lineLength + 1 + word.Length > FoldAt)
                {
                    line.Append("\r\n ");
                    lineLength = 1;
                }
                else
                {
                    line.Append(' ');
                    lineLength++;
                }
            }

            line.Append(word);
            lineLength += word.Length;
        }

        sb.Append(line).Append("\r\n");
    }

    // A field name is printable ASCII without ":" (RFC 5322 §2.2); no value may carry a line break,
    // or a caller could inject fields.
    private static void Validate(string name, string value)
    {
        if (name.Length == 0 || name.Any(c => c is <= ' ' or > '~' or ':'))
        {
            throw new ArgumentException($"Not a field name: '{name}'.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The value of {name} contains a line break.", nameof(value));
        }
    }
}
