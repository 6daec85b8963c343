namespace Kakunin.Protocol;

/// <summary>The MAIL FROM BODY parameter (RFC 6152 §2, RFC 3030 §3).</summary>
public enum BodyType
{
    /// <summary><c>BODY=7BIT</c>.</summary>
    SevenBit,

    /// <summary><c>BODY=8BITMIME</c> (RFC 6152).</summary>
    EightBitMime,

    /// <summary><c>BODY=BINARYMIME</c> (RFC 3030; needs CHUNKING/BDAT).</summary>
    BinaryMime,
}
