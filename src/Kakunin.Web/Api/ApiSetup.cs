using Microsoft.AspNetCore.Authentication;

namespace Kakunin.Web.Api;

/// <summary>The API's services and middleware (docs/api.md), kept out of KakuninServer like the webmail's.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddKakuninApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddSingleton(options);
        services.AddSingleton<ApiTokenUse>();
        services.AddSingleton<ApiRateCounter>(); // the per-token and per-address counts: memory on SQLite, rows on PostgreSQL
        // Memory on SQLite, rows on PostgreSQL (several nodes): the constructor taking the store and data protection,
        // named here so the container cannot settle for the memory-only one.
        services.AddSingleton(sp => new Pages.Settings.CreatedTokenSlots(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Kakunin.Store.KakuninStore>(), sp.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()));
        services.AddSingleton<ApiMessageSender>();
        // A second scheme beside the webmail's cookie; only the /api group asks for it (ApiRoutes), so the
        // cookie never authenticates an API call and a token never signs anyone in to the webmail.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddProblemDetails();
        services.AddOpenApi(ApiRoutes.Version, openApi =>
        {
            // Only the API: the webmail's own endpoints are not part of the contract.
            openApi.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                // RFC 6750 bearer tokens (kk_…) on every operation but this document itself.
                document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token (kk_…) from Settings → API tokens or kakunin token create.",
                };
                document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                document.Info.Title = "Kakunin API";
                document.Info.Description = "Send mail with delivery and read receipts and read back what happened to it, per recipient (docs/api.md).";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>After <c>UseKakuninWebmail</c>: the API's error answers, its rate limit, its endpoints.</summary>
    public static WebApplication UseKakuninApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ApiErrorResponses>();
        ApiRoutes.MapApi(app);
        return app;
    }
}
