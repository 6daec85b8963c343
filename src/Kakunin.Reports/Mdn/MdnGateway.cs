namespace Kakunin.Reports.Mdn;

/// <summary>
/// The MDN-Gateway field (RFC 8098 §3.2.2): present only in MDNs translated from a foreign
/// notification by a gateway; Kakunin never writes it for its own MDNs.
/// </summary>
/// <param name="NameType">The mta-name-type, normally "dns".</param>
/// <param name="Name">The gateway's name.</param>
public sealed record MdnGateway(string NameType, string Name)
{
    /// <summary>Parses "type;name"; without ';' the type is taken as "dns".</summary>
    public static MdnGateway Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var semi = value.IndexOf(';', StringComparison.Ordinal);
        return semi < 0
            ? new MdnGateway("dns", value.Trim())
            : new MdnGateway(value[..semi].Trim(), value[(semi + 1)..].Trim());
    }

    /// <inheritdoc />
    public override string ToString() => NameType + ";" + Name;
}
