namespace Kakunin.Web.Ui.Language;

/// <summary>
/// Decides the language of each request: the person's saved choice (<see cref="ILanguagePreference"/>), else
/// the browser's Accept-Language, else English. Runs after authentication so that a store-backed preference
/// can look at the signed-in user.
/// </summary>
public sealed class UiLanguageMiddleware(RequestDelegate next, ILanguagePreference preference)
{
    public async Task InvokeAsync(HttpContext context, UiContext ui)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ui);
        var language = await preference.GetAsync(context, context.RequestAborted)
            ?? AcceptLanguage.Choose(context.Request.Headers.AcceptLanguage)
            ?? UiLanguage.En;
        ui.Set(language);
        context.Response.Headers.ContentLanguage = language.Tag();
        await next(context);
    }
}
