using Microsoft.AspNetCore.Authorization;

namespace Kakunin.Web.Api;

/// <summary>
/// Everything under <c>/api/v1</c>: one group that needs an API token (never the session cookie) and counts against
/// the token's rate limit; each file of endpoints adds its own with one Map method. The OpenAPI document is public.
/// </summary>
public static class ApiRoutes
{
    public const string Version = "v1";

    public const string Prefix = "/api/" + Version;

    /// <summary>Only the token scheme: a request without a good token is challenged by it (401), never redirected to /login.</summary>
    public static readonly AuthorizationPolicy TokenPolicy = new AuthorizationPolicyBuilder(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser().Build();

    public static void MapApi(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(Prefix).RequireAuthorization(TokenPolicy);
        api.AddEndpointFilter(ApiRateLimit.FilterAsync);

        // One line per file of endpoints.
        SendEndpoint.Map(api);
        MessageEndpoints.Map(api);
        TrackingEndpoints.Map(api);
        EventEndpoints.Map(api);
        WebhookEndpoints.Map(api);

        // Any other path under /api: a problem details 404 for a token holder, 401 without one (not the webmail's sign-in page).
        app.MapMethods("/api/{**rest}", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], (HttpContext context) =>
            ApiProblems.NotFound($"There is no {context.Request.Method} {context.Request.Path} in this API (see {Prefix}/openapi.json)."))
            .RequireAuthorization(TokenPolicy).AddEndpointFilter(ApiRateLimit.FilterAsync).ExcludeFromDescription();
        app.MapOpenApi(Prefix + "/openapi.json").AllowAnonymous();
    }
}
