namespace Kakunin.Authentication.Spf;

/// <summary>The processing limits of RFC 7208 §4.6.4, each with the RFC's value as default.</summary>
public sealed record SpfOptions
{
    /// <summary>Terms that cause DNS queries (include, a, mx, ptr, exists, redirect): more is permerror. RFC 7208 §4.6.4: 10.</summary>
    public int MaxDnsMechanisms { get; init; } = 10;

    /// <summary>Lookups that return no record (NODATA or NXDOMAIN): more is permerror. RFC 7208 §4.6.4: "SHOULD be 2".</summary>
    public int MaxVoidLookups { get; init; } = 2;

    /// <summary>Address lookups per "mx" (more MX names is permerror) and per "ptr" (further names ignored). RFC 7208 §4.6.4: 10.</summary>
    public int MaxNamesPerMechanism { get; init; } = 10;

    /// <summary>The whole evaluation's time; past it the result is temperror. RFC 7208 §4.6.4: "at least 20 seconds".</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The "r" macro in explanations: this server's host name.</summary>
    public string Receiver { get; init; } = "unknown";
}
