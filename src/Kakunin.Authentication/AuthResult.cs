namespace Kakunin.Authentication;

/// <summary>
/// The result words of RFC 8601 §2.7 shared by SPF (RFC 7208 §2.6), DKIM (RFC 6376 §3.9 / RFC 8601 §2.7.1),
/// DMARC (RFC 7489 §11.2) and ARC (RFC 8617 §4.4). Written in Authentication-Results in lower case.
/// </summary>
public enum AuthResult
{
    None,
    Pass,
    Fail,
    SoftFail,
    Neutral,
    TempError,
    PermError,
    Policy,
}

/// <summary>The RFC 8601 spelling of each <see cref="AuthResult"/>.</summary>
public static class AuthResults
{
    public static string Word(this AuthResult result) => result switch
    {
        AuthResult.Pass => "pass",
        AuthResult.Fail => "fail",
        AuthResult.SoftFail => "softfail",
        AuthResult.Neutral => "neutral",
        AuthResult.TempError => "temperror",
        AuthResult.PermError => "permerror",
        AuthResult.Policy => "policy",
        _ => "none",
    };

    /// <summary>Reads a result word; the RFC 7601 aliases "hardfail" and "unknown" are accepted (RFC 8601 §2.7.1).</summary>
    public static AuthResult Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "pass" => AuthResult.Pass,
        "fail" or "hardfail" => AuthResult.Fail,
        "softfail" => AuthResult.SoftFail,
        "neutral" => AuthResult.Neutral,
        "temperror" => AuthResult.TempError,
        "permerror" or "unknown" => AuthResult.PermError,
        "policy" => AuthResult.Policy,
        _ => AuthResult.None,
    };
}
