using System.Text.Encodings.Web;
using Kakunin.Store;
using Kakunin.Store.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Kakunin.Web.Api;

/// <summary>
/// <c>Authorization: Bearer kk_…</c> (RFC 6750 §2.1) for everything under /api. Never the session cookie, and never
/// a redirect to /login: a call without a working token gets 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750 §3)
/// and a problem details body saying what was wrong with the token.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KakuninStore store, ApiTokenUse use, ApiRateCounter rates, ApiOptions apiOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    private const string FailureKey = "kakunin:api-auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Fail("no-token", "This API needs an API token: Authorization: Bearer kk_… (create one in the webmail settings or with kakunin token create).");
        }

        // RFC 6750 §2.1: b64token after "Bearer " (the scheme is case-insensitive, RFC 9110 §11.1).
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("invalid-token", "The Authorization header must be \"Bearer\" and an API token.");
        }

        var text = header["Bearer ".Length..].Trim();
        if (!ApiTokenText.LooksLikeToken(text) || await store.ApiTokens.FindByTextAsync(text, Context.RequestAborted) is not { } token)
        {
            return Fail("invalid-token", "This API token is not known.");
        }

        if (token.IsRevoked)
        {
            return Fail("invalid-token", "This API token was revoked.");
        }

        await use.NoteAsync(token.Id, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(ApiClaims.Create(token.User, token.Id), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A call without a working token counts against its client address (docs/api.md, "Rate limits").
        if (await rates.CountAsync("address:" + Context.Connection.RemoteIpAddress, Context.RequestAborted) is { } retryAfter)
        {
            await ApiRateLimit.RejectAsync(Context, retryAfter, apiOptions, "This address, without a working token,");
            return;
        }

        var (error, detail) = Context.Items[FailureKey] as (string, string)? ?? ("no-token", "This API needs an API token.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: no error code when the request carried no token at all (§3.1).
        Response.Headers.WWWAuthenticate = error == "no-token"
            ? "Bearer realm=\"kakunin\""
            : "Bearer realm=\"kakunin\", error=\"invalid_token\"";
        await ApiProblems.Problem(StatusCodes.Status401Unauthorized, error, "Not authenticated", detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Forbidden("forbidden", "This API token may not do this.").ExecuteAsync(Context);

    private AuthenticateResult Fail(string error, string detail)
    {
        Context.Items[FailureKey] = (error, detail);
        return error == "no-token" ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(detail);
    }
}
