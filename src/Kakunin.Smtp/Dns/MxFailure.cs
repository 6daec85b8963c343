using Kakunin.Protocol;

namespace Kakunin.Smtp.Dns;

/// <summary>Why no host could be found for a domain.</summary>
/// <param name="Status">The enhanced status code to report (its class says transient or permanent).</param>
/// <param name="Detail">A human-readable explanation, e.g. "example.com has a null MX (RFC 7505)".</param>
public sealed record MxFailure(EnhancedStatusCode Status, string Detail)
{
    /// <summary>True when retrying cannot help (class 5).</summary>
    public bool IsPermanent => Status.IsPermanent;
}
