using System.Text;

namespace Kakunin.Reports.Mdn;

/// <summary>
/// An "address-type; generic-address" value as used by the Original-Recipient and
/// Final-Recipient fields (RFC 8098 §3.1.2, §3.2.3, §3.2.4), e.g. <c>rfc822;bob@example.com</c>.
/// </summary>
/// <param name="AddressType">The address type ("rfc822", "utf-8", "unknown", …); compared case-insensitively by the RFC, kept as written here.</param>
/// <param name="Address">The address, case preserved (RFC 8098 §3.2.4).</param>
public sealed record MdnAddress(string AddressType, string Address)
{
    /// <summary>The "rfc822" address type (RFC 3461).</summary>
    public const string Rfc822Type = "rfc822";

    /// <summary>The "utf-8" address type (RFC 6533 §3).</summary>
    public const string Utf8Type = "utf-8";

    /// <summary>
    /// The typed address for a mailbox: "rfc822" when the address is ASCII, otherwise "utf-8"
    /// in its utf-8-address form (RFC 6533 §5: use the UTF-8 address type for addresses with
    /// characters outside ASCII).
    /// </summary>
    public static MdnAddress ForMailbox(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new MdnAddress(Ascii.IsValid(address) ? Rfc822Type : Utf8Type, address);
    }

    /// <summary>True when either part contains characters outside US-ASCII.</summary>
    public bool IsAscii => Ascii.IsValid(AddressType) && Ascii.IsValid(Address);

    /// <summary>
    /// Parses "type;address" leniently (whitespace around both parts is dropped). A value
    /// without a ';' is taken as an address of type "unknown"; an empty value gives null.
    /// </summary>
    public static MdnAddress? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var semi = value.IndexOf(';', StringComparison.Ordinal);
        if (semi < 0)
        {
            return new MdnAddress("unknown", value.Trim());
        }

        var type = value[..semi].Trim();
        var address = value[(semi + 1)..].Trim();
        return new MdnAddress(type.Length == 0 ? "unknown" : type, address);
    }

    /// <summary>The field value as written by Kakunin: <c>type;address</c> (RFC 8098 §2.3 OWS as nothing).</summary>
    public override string ToString() => AddressType + ";" + Address;
}
