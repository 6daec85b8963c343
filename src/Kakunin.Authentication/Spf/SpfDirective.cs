using System.Net;

namespace Kakunin.Authentication.Spf;

/// <summary>
/// One directive of an SPF record (RFC 7208 §4.6.1): the result it gives when it matches (its qualifier), the
/// mechanism, the domain-spec (still with its macros) and the CIDR lengths.
/// </summary>
/// <param name="Network">For ip4 and ip6: the network to match.</param>
/// <param name="Cidr4">For a and mx: the ip4-cidr-length (32 when absent).</param>
/// <param name="Cidr6">For a and mx: the ip6-cidr-length (128 when absent).</param>
internal sealed record SpfDirective(AuthResult Qualifier, SpfMechanism Mechanism, string? DomainSpec = null, IPNetwork? Network = null, int Cidr4 = 32, int Cidr6 = 128)
{
    /// <summary>RFC 7208 §4.6.4: include, a, mx, ptr and exists cause DNS queries and count towards the limit of 10.</summary>
    public bool CountsAsLookup => Mechanism is SpfMechanism.Include or SpfMechanism.A or SpfMechanism.Mx or SpfMechanism.Ptr or SpfMechanism.Exists;
}
