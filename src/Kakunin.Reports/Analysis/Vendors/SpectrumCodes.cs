namespace Kakunin.Reports.Analysis.Vendors;

/// <summary>
/// Spectrum / Charter (https://www.spectrum.net/support/internet/understanding-email-error-codes):
/// "AUP#I-nnnn" (incoming) / "AUP#O-nnnn" (outgoing), the four digits in published ranges.
/// </summary>
internal static class SpectrumCodes
{
    private static readonly (int From, int To, BounceReason Reason)[] Ranges =
    [
        (1000, 1000, BounceReason.Blocked),         // sending IP blocked for suspicious activity
        (1010, 1080, BounceReason.Rejected),        // sending account blocked or limited
        (1090, 1090, BounceReason.SystemError),     // cannot be processed now
        (1100, 1150, BounceReason.RequirePtr),      // DNS / full-circle reverse DNS of the sending IP
        (1160, 1190, BounceReason.PolicyViolation), // against the domain's security policies
        (1200, 1250, BounceReason.Blocked),         // IP listed (Cloudmark CSI, Spamhaus)
        (1260, 1260, BounceReason.NetworkError),    // IPv6 not accepted
        (1300, 1340, BounceReason.TooManyConn),     // concurrent / total connection limits
        (1350, 1490, BounceReason.Speeding),        // message, recipient and spam-potential limits
        (1500, 1520, BounceReason.Rejected),        // sending as another address or domain
        (1530, 1530, BounceReason.MesgTooBig),      // over 20 MB
        (1540, 1550, BounceReason.Speeding),        // too many messages per session / recipients per message
        (1560, 1560, BounceReason.PolicyViolation), // too many invalid recipients
        (1580, 1580, BounceReason.Speeding),        // too many recipients in a short time
    ];

    /// <summary>What every code starts with.</summary>
    public const string Prefix = "aup#";

    private static readonly System.Buffers.SearchValues<string> AupMarker = TextSearch.Phrases(Prefix);

    public static BounceReason? Find(string text)
    {
        var at = text.AsSpan().IndexOfAny(AupMarker);
        if (at < 0)
        {
            return null;
        }

        // Letters and hyphens ("i-", "in-", "o-"), then exactly four digits.
        var i = at + 4;
        while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '-'))
        {
            i++;
        }

        if (i + 4 > text.Length || !int.TryParse(text.AsSpan(i, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            || (i + 4 < text.Length && char.IsAsciiDigit(text[i + 4])))
        {
            return null;
        }

        foreach (var (from, to, reason) in Ranges)
        {
            if (code >= from && code <= to)
            {
                return reason;
            }
        }

        return null;
    }
}
