namespace Kakunin.Smtp.Server;

/// <summary>
/// The backend's answer to AUTH credentials: accepted (with the canonical user name), wrong (535 5.7.8), or
/// refused for now without being checked because of too many failures (454 4.7.0, RFC 4954 §6).
/// </summary>
/// <param name="User">The canonical user name when accepted, else null.</param>
/// <param name="RefusedForNow">True when the attempt was not checked (throttled): the client should try later.</param>
public readonly record struct SmtpAuthResult(string? User, bool RefusedForNow)
{
    /// <summary>Wrong user name or password.</summary>
    public static SmtpAuthResult Wrong => default;

    /// <summary>Too many failures for this account or client address: refused for now, even if right.</summary>
    public static SmtpAuthResult Refused => new(null, true);

    public static SmtpAuthResult Accepted(string user) => new(user, false);
}
