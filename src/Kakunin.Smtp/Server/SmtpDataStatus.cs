namespace Kakunin.Smtp.Server;

/// <summary>What the DATA decoder saw in a message, decided once the real end (CRLF.CRLF) was read.</summary>
/// <param name="ContentLength">Octets of the message after dot-unstuffing, counted even past the limit.</param>
/// <param name="TooBig">More than the size limit arrived; the excess was discarded, not stored.</param>
/// <param name="BareLineEnding">A CR not followed by LF, or an LF not preceded by CR, appeared.</param>
/// <param name="Nul">A NUL octet appeared.</param>
/// <param name="EightBit">An octet above 127 appeared.</param>
public sealed record SmtpDataStatus(long ContentLength, bool TooBig, bool BareLineEnding, bool Nul, bool EightBit);
