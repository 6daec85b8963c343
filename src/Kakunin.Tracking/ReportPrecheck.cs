using System.Text;

namespace Kakunin.Tracking;

/// <summary>
/// The cheap test every locally delivered message passes through: a scan of the header section only, no MIME
/// parse, looking for the marks reports carry. Ordinary mail answers false here and never pays for a parse;
/// a true answer only means "worth parsing" (an auto-reply or a message from postmaster also says true).
/// </summary>
public static class ReportPrecheck
{
    /// <summary>The header section is read up to this many bytes (a bound, as everywhere: docs/architecture.md).</summary>
    public const int MaxHeaderBytes = 256 * 1024;

    private static readonly string[] ReportTypes = ["report", "delivery-status", "disposition-notification"];

    private static readonly string[] BounceSenders = ["mailer-daemon", "postmaster", "mail delivery"];

    private static readonly string[] BounceSubjects =
    [
        "undeliver", "delivery status notification", "returned mail", "failure notice", "delivery failure",
        "mail delivery failed", "non-deliver", "nondeliver", "not delivered", "delivery has failed", "couldn't be delivered",
    ];

    /// <summary>True when the header section carries any mark of a report.</summary>
    public static bool MayBeReport(ReadOnlySpan<byte> content)
    {
        var header = content[..Math.Min(content.Length, MaxHeaderBytes)];
        var position = 0;
        while (position < header.Length)
        {
            var end = FieldEnd(header, position);
            var line = header[position..end];
            position = end;
            if (IsBlank(line))
            {
                return false; // end of the header section
            }

            var colon = line.IndexOf((byte)':');
            if (colon > 0 && IsMark(line[..colon].Trim((byte)' '), line[(colon + 1)..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMark(ReadOnlySpan<byte> name, ReadOnlySpan<byte> rawValue)
    {
        if (Is(name, "X-Failed-Recipients") || Is(name, "X-MS-Exchange-Message-Is-Ndr"))
        {
            return true; // Exim, Exchange
        }

        if (!(Is(name, "Content-Type") || Is(name, "Return-Path") || Is(name, "From") || Is(name, "Auto-Submitted") || Is(name, "Subject")))
        {
            return false;
        }

        var value = Encoding.Latin1.GetString(rawValue).Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal).Trim().ToLowerInvariant();
        if (Is(name, "Content-Type"))
        {
            return ContainsAny(value, ReportTypes); // RFC 6522 multipart/report, or a bare report body
        }

        if (Is(name, "Return-Path"))
        {
            return value.Replace(" ", string.Empty, StringComparison.Ordinal).StartsWith("<>", StringComparison.Ordinal); // RFC 5321 §4.5.5: notifications use <>
        }

        if (Is(name, "Auto-Submitted"))
        {
            return !value.StartsWith("no", StringComparison.Ordinal); // RFC 3834 §5: DSNs and automatic MDNs are auto-replied
        }

        return Is(name, "From") ? ContainsAny(value, BounceSenders) : ContainsAny(value, BounceSubjects);
    }

    private static bool ContainsAny(string value, string[] needles) => needles.Any(n => value.Contains(n, StringComparison.Ordinal));

    private static bool Is(ReadOnlySpan<byte> name, string expected) =>
        Ascii.EqualsIgnoreCase(name, expected);

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim("\r\n"u8).IsEmpty;

    /// <summary>The end of the field starting at <paramref name="start"/>: past its line end and any folded continuation lines (RFC 5322 §2.2.3).</summary>
    private static int FieldEnd(ReadOnlySpan<byte> header, int start)
    {
        var position = start;
        while (true)
        {
            var newline = header[position..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return header.Length;
            }

            position += newline + 1;
            var blankLine = IsBlank(header[start..position]);
            if (blankLine || position >= header.Length || header[position] is not ((byte)' ' or (byte)'\t'))
            {
                return position;
            }
        }
    }
}
