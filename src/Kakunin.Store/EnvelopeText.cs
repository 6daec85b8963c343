using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>How envelope parameters are written to and read from text columns (their SMTP keywords).</summary>
public static class EnvelopeText
{
    /// <summary>NOTIFY as on the wire (RFC 3461 §4.1): <c>NEVER</c> or a comma list; null when absent.</summary>
    public static string? FormatNotify(DsnNotify? notify)
    {
        if (notify is not { } n)
        {
            return null;
        }

        var text = n.ToParameterValue();
        return text.Length == 0 ? "NEVER" : text;
    }

    public static DsnNotify? ParseNotify(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = DsnNotify.None;
        foreach (var part in text.Split(','))
        {
            value |= part switch
            {
                "NEVER" => DsnNotify.Never,
                "SUCCESS" => DsnNotify.Success,
                "FAILURE" => DsnNotify.Failure,
                "DELAY" => DsnNotify.Delay,
                _ => DsnNotify.None,
            };
        }

        return value;
    }

    public static string? FormatReturn(DsnReturn? ret) => ret switch
    {
        DsnReturn.Full => "FULL",
        DsnReturn.Headers => "HDRS",
        _ => null,
    };

    public static DsnReturn? ParseReturn(string? text) => text switch
    {
        "FULL" => DsnReturn.Full,
        "HDRS" => DsnReturn.Headers,
        _ => null,
    };

    public static string? FormatBody(BodyType? body) => body switch
    {
        BodyType.SevenBit => "7BIT",
        BodyType.EightBitMime => "8BITMIME",
        BodyType.BinaryMime => "BINARYMIME",
        _ => null,
    };

    public static BodyType? ParseBody(string? text) => text switch
    {
        "7BIT" => BodyType.SevenBit,
        "8BITMIME" => BodyType.EightBitMime,
        "BINARYMIME" => BodyType.BinaryMime,
        _ => null,
    };
}
