namespace Kakunin.Protocol;

/// <summary>
/// An address with its type, as in ORCPT (<c>addr-type ";" xtext</c>, RFC 3461 §4.2) and in the
/// Original-/Final-Recipient fields of DSNs and MDNs (<c>address-type ";" generic-address</c>,
/// RFC 3464 §2.3.1). <see cref="Address"/> holds the decoded address.
/// </summary>
public sealed record TypedAddress(string AddressType, string Address)
{
    public override string ToString() => $"{AddressType};{Address}";
}
