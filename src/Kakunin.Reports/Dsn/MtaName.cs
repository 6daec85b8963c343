namespace Kakunin.Reports.Dsn;

/// <summary><c>mta-name-type ";" mta-name</c> (RFC 3464 §2.1.2), e.g. <c>dns; mx.example.com</c>.</summary>
public sealed record MtaName(string Type, string Name)
{
    /// <summary>A DNS host name, the usual type.</summary>
    public static MtaName Dns(string host) => new("dns", host);

    public override string ToString() => $"{Type}; {Name}";
}
