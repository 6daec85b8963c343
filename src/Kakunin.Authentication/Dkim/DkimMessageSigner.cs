using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication.Dkim;

/// <summary>
/// Signs stored message bytes with MimeKit's <see cref="DkimSigner"/> and returns them with the DKIM-Signature
/// fields prepended (RFC 6376 §5.6): the rest of the message is left byte for byte as it was stored, so the
/// signature covers exactly what goes on the wire. One signature per key, relaxed/relaxed canonicalization
/// (RFC 6376 §3.4: survives the re-folding and whitespace changes relays make).
/// </summary>
public static class DkimMessageSigner
{
    /// <summary>
    /// The fields signed when present (RFC 6376 §5.4.1's list, plus the MIME and receipt fields whose change would
    /// change what the reader sees or who gets a receipt). From is required (RFC 6376 §5.4).
    /// </summary>
    private static readonly string[] SignedFields =
    [
        "From", "Reply-To", "Sender", "Subject", "Date", "Message-ID", "To", "Cc", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Disposition-Notification-To",
        "Disposition-Notification-Options", "Auto-Submitted", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    /// <summary>
    /// <paramref name="message"/> with one DKIM-Signature per key prepended (the last key's on top); unchanged when
    /// <paramref name="keys"/> is empty or the message has no From field.
    /// </summary>
    public static byte[] Sign(byte[] message, IReadOnlyList<DkimSigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return message;
        }

        var parsed = Parse(message);
        if (!parsed.Headers.Contains(HeaderId.From))
        {
            return message;
        }

        var present = SignedFields.Where(parsed.Headers.Contains).ToList();
        var fields = new List<byte[]>();
        foreach (var key in keys)
        {
            var signer = new KakuninDkimSigner(key)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(parsed, present);
            var header = parsed.Headers[0]; // Sign puts its field first
            fields.Add(FieldBytes(header));
            parsed.Headers.RemoveAt(0); // the next signature covers the same fields, not this one
        }

        var output = new byte[fields.Sum(f => f.Length) + message.Length];
        var at = 0;
        for (var i = fields.Count - 1; i >= 0; i--)
        {
            fields[i].CopyTo(output, at);
            at += fields[i].Length;
        }

        message.CopyTo(output, at);
        return output;
    }

    /// <summary>The domain part of the first From address, lower case (the RFC5322.From domain, RFC 7489 §3.1), or null.</summary>
    public static string? FromDomain(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return FromDomain(Parse(message));
    }

    internal static string? FromDomain(MimeMessage message) =>
        message.From.Mailboxes.FirstOrDefault()?.Domain is { Length: > 0 } domain ? domain.TrimEnd('.').ToLowerInvariant() : null;

    /// <summary>
    /// The domain to sign a message from <paramref name="fromDomain"/> with: that domain itself when it has keys,
    /// else the nearest parent that has (a signature of example.com on mail from mx.example.com is aligned under
    /// DMARC's relaxed mode, RFC 7489 §3.1.1). Null when none of <paramref name="signingDomains"/> fits.
    /// </summary>
    public static string? SigningDomain(string fromDomain, IReadOnlySet<string> signingDomains)
    {
        ArgumentNullException.ThrowIfNull(fromDomain);
        ArgumentNullException.ThrowIfNull(signingDomains);
        for (var d = fromDomain.TrimEnd('.').ToLowerInvariant(); d.Length > 0;)
        {
            if (signingDomains.Contains(d))
            {
                return d;
            }

            var dot = d.IndexOf('.', StringComparison.Ordinal);
            d = dot < 0 ? string.Empty : d[(dot + 1)..];
        }

        return null;
    }

    private static MimeMessage Parse(byte[] message)
    {
        using var stream = new MemoryStream(message, writable: false);
        return MimeMessage.Load(stream);
    }

    /// <summary>The field as it goes on the wire: name, colon, the folded value MimeKit wrote, CRLF line ends.</summary>
    private static byte[] FieldBytes(Header header)
    {
        var value = Encoding.ASCII.GetString(header.RawValue).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        if (!value.EndsWith("\r\n", StringComparison.Ordinal))
        {
            value += "\r\n";
        }

        return Encoding.ASCII.GetBytes(header.Field + ":" + value);
    }
}
