using System.Globalization;
using System.Security.Claims;

namespace Kakunin.Web.Ui;

/// <summary>The claims of a signed-in person and how to read them.</summary>
public static class KakuninUser
{
    /// <summary>When this session signed in (ISO 8601 UTC); sliding expiry renews the cookie, not this.</summary>
    public const string SignedInAtClaim = "kakunin:signed-in-at";

    /// <summary>The claims made at sign-in: the normalised address as the name, and the sign-in time.</summary>
    public static ClaimsPrincipal Create(string address, DateTimeOffset signedInAt, string authenticationScheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, address),
                new Claim(ClaimTypes.Email, address),
                new Claim(SignedInAtClaim, UiTime.Iso(signedInAt)),
            ],
            authenticationScheme));

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
