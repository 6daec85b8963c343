using Kakunin.Authentication;
using Kakunin.Protocol;

namespace Kakunin.Tracking;

/// <summary>
/// A stand-in for the Public Suffix List implementation of <see cref="IOrganizationalDomains"/> (being written with
/// the inbound authentication), so report provenance works before it lands: the last two labels, or three when the
/// second-level label looks like a registry's own (two letters of country code under a label of at most three, as in
/// <c>co.uk</c>, <c>ne.jp</c>, <c>com.au</c>). Wrong for private suffixes (github.io) and the odd registry; the
/// host wires the PSL implementation in its place once there is one.
/// </summary>
public sealed class MinimalOrganizationalDomains : IOrganizationalDomains
{
    public static MinimalOrganizationalDomains Instance { get; } = new();

    public string Of(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var labels = DomainNames.Canonical(domain).Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }

        var take = labels[^1].Length == 2 && labels[^2].Length <= 3 ? 3 : 2;
        return string.Join('.', labels[^Math.Min(take, labels.Length)..]);
    }
}
