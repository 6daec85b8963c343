using System.Globalization;
using System.Security.Claims;

namespace Kakunin.Web.Ui;

/// <summary>The claims of a signed-in person and how to read them.</summary>
public static class KakuninUser
{
    /// <summary>When this session signed in (ISO 8601 UTC); sliding expiry renews the cookie, not this.</summary>
    public const string SignedInAtClaim = "kakunin:signed-in-at";

    /// <summary>A random id per sign-in, so that sign-out can revoke this session on the server.</summary>
    public const string SessionIdClaim = "kakunin:session";

    /// <summary>The user's session generation at sign-in; "sign out everywhere" moves the user to the next one.</summary>
    public const string SessionGenerationClaim = "kakunin:session-generation";

    /// <summary>
    /// The claims made at sign-in: the normalised address as the name, the sign-in time, a new random session id
    /// (128 bits) and the session generation (<see cref="Security.SessionRevocations"/>).
    /// </summary>
    public static ClaimsPrincipal Create(string address, DateTimeOffset signedInAt, long generation, string authenticationScheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, address),
                new Claim(ClaimTypes.Email, address),
                new Claim(SignedInAtClaim, UiTime.Iso(signedInAt)),
                new Claim(SessionIdClaim, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))),
                new Claim(SessionGenerationClaim, generation.ToString(CultureInfo.InvariantCulture)),
            ],
            authenticationScheme));

    /// <summary>This session's id, or null for a cookie made before sessions had ids.</summary>
    public static string? SessionId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(SessionIdClaim);
    }

    /// <summary>The session generation this session signed in under, or null when absent.</summary>
    public static long? SessionGeneration(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirstValue(SessionGenerationClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var generation) ? generation : null;
    }

    /// <summary>The signed-in person's address (as the store normalised it), or null when nobody is signed in.</summary>
    public static string? Address(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.Name) : null;
    }

    public static DateTimeOffset? SignedInAt(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return DateTimeOffset.TryParse(user.FindFirstValue(SignedInAtClaim), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }
}
