using System.Globalization;
using System.Security.Claims;

namespace Kakunin.Web.Api;

/// <summary>The claims of a request authenticated by an API token: the user's address as the name (as for a web session) and the token's id.</summary>
public static class ApiClaims
{
    public const string TokenIdClaim = "kakunin:api-token";

    public static ClaimsPrincipal Create(string address, long tokenId) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, address),
                new Claim(ClaimTypes.Email, address),
                new Claim(TokenIdClaim, tokenId.ToString(CultureInfo.InvariantCulture)),
            ],
            ApiTokenAuthentication.SchemeName));

    /// <summary>The token the request came with, or null when it came without one.</summary>
    public static long? TokenId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirstValue(TokenIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
