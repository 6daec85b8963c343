using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Protocol;

/// <summary>
/// An address with its type, as in the ORCPT parameter and the DSN Original-Recipient and
/// Final-Recipient fields: <c>addr-type ";" address</c> (RFC 3461 §4.2, RFC 3464 §2.3.1).
/// <see cref="Address"/> is decoded; <see cref="Encode"/> writes it back.
/// </summary>
/// <param name="AddressType">The address type, e.g. <c>rfc822</c> or <c>utf-8</c> (RFC 6533 §3). Compared case-insensitively.</param>
/// <param name="Address">The decoded address.</param>
public sealed record TypedAddress(string AddressType, string Address)
{
    /// <summary>The utf-8 address type of RFC 6533 §3.</summary>
    public const string Utf8Type = "utf-8";

    public const string Rfc822Type = "rfc822";

    /// <summary>The maximum length of the ORCPT value (RFC 3461 §4.2).</summary>
    public const int MaxOrcptLength = 500;

    public bool IsUtf8Type => string.Equals(AddressType, Utf8Type, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The ORCPT value: <c>rfc822;</c> + xtext (RFC 3461 §4.2), or for type utf-8
    /// <c>utf-8;</c> + utf-8-addr-xtext (RFC 6533 §3). Decoding this gives this record back.
    /// </summary>
    /// <exception cref="InvalidOperationException">The address cannot be represented in that encoding.</exception>
    public string Encode()
    {
        if (IsUtf8Type)
        {
            return Utf8AddressText.TryEncodeXtext(Address, out var x)
                ? $"{AddressType};{x}"
                : throw new InvalidOperationException("The address has characters utf-8-addr-xtext cannot represent.");
        }

        return $"{AddressType};{Xtext.Encode(Address)}";
    }

    /// <summary>
    /// Parses an ORCPT value. For type utf-8 the address is utf-8-addr-xtext, or also
    /// utf-8-addr-unitext when <paramref name="allowUnitext"/> (SMTPUTF8 in effect, RFC 6533 §3);
    /// for other types it is xtext (RFC 3461 §4.2).
    /// </summary>
    public static bool TryParse(string value, bool allowUnitext, [NotNullWhen(true)] out TypedAddress? address)
    {
        ArgumentNullException.ThrowIfNull(value);
        address = null;
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        if (semicolon <= 0 || semicolon == value.Length - 1)
        {
            return false;
        }

        var type = value[..semicolon];
        if (!type.All(IsAtomChar))
        {
            return false; // RFC 3461 §4.2: addr-type is an atom.
        }

        var encoded = value[(semicolon + 1)..];
        string? decoded;
        if (string.Equals(type, Utf8Type, StringComparison.OrdinalIgnoreCase))
        {
            var ok = allowUnitext ? Utf8AddressText.TryDecodeUnitext(encoded, out decoded) : Utf8AddressText.TryDecodeXtext(encoded, out decoded);
            if (!ok)
            {
                return false;
            }
        }
        else if (!Xtext.TryDecode(encoded, out decoded) || !decoded.All(c => c is >= ' ' and <= '~'))
        {
            // RFC 3461 §4.2: before xtext encoding, the address is printable US-ASCII.
            return false;
        }

        address = new TypedAddress(type, decoded!);
        return true;
    }

    public bool Equals(TypedAddress? other) =>
        other is not null
        && string.Equals(AddressType, other.AddressType, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Address, other.Address, StringComparison.Ordinal);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(AddressType), StringComparer.Ordinal.GetHashCode(Address));

    private static bool IsAtomChar(char c) => MailboxSyntax.IsAtext(c);
}
