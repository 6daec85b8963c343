using MimeKit.Encodings;

namespace Kakunin.Imap.Message;

/// <summary>Content-Transfer-Encoding (RFC 2045 §6): reading the field and removing the encoding for BINARY.</summary>
internal static class TransferEncoding
{
    /// <summary>The mechanism as written (RFC 2045 §6.1 default "7bit"), without comments or surrounding space.</summary>
    public static string Of(ReadOnlySpan<byte> data, MimeEntity entity)
    {
        var raw = HeaderFieldReader.First(data, entity, "Content-Transfer-Encoding");
        if (raw is null)
        {
            return "7bit";
        }

        var tokens = new HeaderTokenizer(raw);
        tokens.SkipCfws();
        var token = tokens.ReadMimeToken();
        return token.Length == 0 ? "7bit" : token;
    }

    /// <summary>The decoded bytes; null for a mechanism other than 7bit, 8bit, binary, base64, quoted-printable.</summary>
    public static ReadOnlyMemory<byte>? Decode(string mechanism, ReadOnlyMemory<byte> body)
    {
        IMimeDecoder decoder;
        switch (mechanism.ToUpperInvariant())
        {
            case "7BIT":
            case "8BIT":
            case "BINARY":
                return body;
            case "BASE64":
                decoder = new Base64Decoder();
                break;
            case "QUOTED-PRINTABLE":
                decoder = new QuotedPrintableDecoder();
                break;
            default:
                return null;
        }

        var input = body.ToArray();
        var output = new byte[decoder.EstimateOutputLength(input.Length)];
        var length = decoder.Decode(input, 0, input.Length, output);
        return output.AsMemory(0, length);
    }
}
