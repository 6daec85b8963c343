using MimeKit;

namespace Kakunin.Authentication.Dmarc;

/// <summary>Reads, at local delivery, whether accepted mail was marked for quarantine at acceptance.</summary>
public static class DmarcQuarantine
{
    private const int MaxHeaderBytes = 256 * 1024;

    /// <summary>
    /// Whether the stored bytes carry our verdict of a DMARC failure whose applied policy is quarantine or reject
    /// (accepted anyway because enforcement said so): local delivery files such mail into Junk. Reads only the header
    /// section; <see cref="MessageAuthentication.FromHeaders"/> finds our field (the only one with our authserv-id,
    /// RFC 8601 §5).
    /// </summary>
    public static bool IsAsked(ReadOnlyMemory<byte> content, string authservId)
    {
        var span = content.Span[..Math.Min(content.Length, MaxHeaderBytes)];
        var end = span.IndexOf("\r\n\r\n"u8);
        var header = content[..(end < 0 ? span.Length : end + 4)];
        if (header.Span.IndexOf("dmarc=fail"u8) < 0) return false; // the common case costs one scan, no parse
        HeaderList headers;
        try
        {
            headers = HeaderList.Load(new MemoryStream(header.ToArray()));
        }
        catch (FormatException)
        {
            return false;
        }
        return MessageAuthentication.FromHeaders(headers, authservId) is { Submitted: false, Dmarc: { Result: AuthResult.Fail, Policy: "quarantine" or "reject" } };
    }
}
