namespace Kakunin.Authentication;

/// <summary>
/// The organizational domain of a name (RFC 7489 §3.2): the public suffix plus one label, from the Public Suffix
/// List. Used for relaxed alignment in DMARC and in deciding whether a report is vouched for.
/// </summary>
public interface IOrganizationalDomains
{
    /// <summary>The organizational domain of <paramref name="domain"/>, lower case, without a trailing dot.</summary>
    string Of(string domain);
}
