using Kakunin.Protocol;
namespace Kakunin.Reports.Receipts;

/// <summary>
/// "Is this address inside my organisation?": the address's domain equals one of the
/// organisation's domains or is a subdomain of it. Never a substring test (Thunderbird's
/// mistake, standards.md): "notexample.com" is not inside "example.com".
/// </summary>
internal static class DomainMatch
{
    public static bool IsInside(string address, IEnumerable<string> domains)
    {
        var domain = MailboxIdentity.DomainOf(address);
        if (domain.Length == 0)
        {
            return false;
        }

        foreach (var raw in domains)
        {
            var d = DomainNames.Canonical(raw);
            if (d.Length == 0)
            {
                continue;
            }

            if (string.Equals(domain, d, StringComparison.Ordinal)
                || (domain.Length > d.Length + 1
                    && domain.EndsWith(d, StringComparison.Ordinal)
                    && domain[domain.Length - d.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
