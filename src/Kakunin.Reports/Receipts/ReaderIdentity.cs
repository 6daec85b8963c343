using Kakunin.Protocol;
namespace Kakunin.Reports.Receipts;

/// <summary>Who is reading: their own addresses and the domains of their organisation.</summary>
/// <param name="Addresses">All of the reader's addresses (aliases included).</param>
/// <param name="OrganisationDomains">
/// The organisation's domains; an address is inside when its domain is one of these or a
/// subdomain of one. When empty, the domains of <paramref name="Addresses"/> are used.
/// </param>
public sealed record ReaderIdentity(IReadOnlyList<string> Addresses, IReadOnlyList<string> OrganisationDomains)
{
    /// <summary>A reader with one address and no separate organisation domains.</summary>
    public static ReaderIdentity Of(string address) => new([address], []);

    /// <summary>The organisation's domains, falling back to the reader's own address domains.</summary>
    public IEnumerable<string> EffectiveDomains =>
        OrganisationDomains.Count > 0
            ? OrganisationDomains
            : Addresses.Select(MailboxIdentity.DomainOf).Where(d => d.Length > 0);
}
