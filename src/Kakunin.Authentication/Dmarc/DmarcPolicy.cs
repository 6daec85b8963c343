namespace Kakunin.Authentication.Dmarc;

/// <summary>The Domain Owner's requested handling of failing mail (RFC 7489 §6.3 "p" and "sp").</summary>
public enum DmarcPolicy
{
    None,
    Quarantine,
    Reject,
}

/// <summary>The RFC 7489 words for <see cref="DmarcPolicy"/>.</summary>
public static class DmarcPolicies
{
    public static string Word(this DmarcPolicy policy) => policy switch
    {
        DmarcPolicy.Reject => "reject",
        DmarcPolicy.Quarantine => "quarantine",
        _ => "none",
    };

    /// <summary>Reads "none", "quarantine" or "reject" (case-insensitive); null for anything else.</summary>
    public static DmarcPolicy? Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "none" => DmarcPolicy.None,
        "quarantine" => DmarcPolicy.Quarantine,
        "reject" => DmarcPolicy.Reject,
        _ => null,
    };
}
