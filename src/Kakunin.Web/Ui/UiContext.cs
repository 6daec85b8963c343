using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Text;
using Microsoft.AspNetCore.Html;

namespace Kakunin.Web.Ui;

/// <summary>
/// What every page needs to speak to the reader: the language of this request and its words. One per request
/// (scoped), filled in by <see cref="UiLanguageMiddleware"/>; pages get it with <c>@inject UiContext Ui</c>
/// (in Pages/_ViewImports.cshtml) and write <c>@Ui.Text.SignIn</c> or <c>@Ui.Time(when)</c>.
/// </summary>
public sealed class UiContext
{
    public UiLanguage Language { get; private set; } = UiLanguage.En;

    public UiText Text => UiText.For(Language);

    /// <summary>A date and time as a <c>&lt;time&gt;</c> element; see <see cref="UiTime"/>.</summary>
    public IHtmlContent Time(DateTimeOffset value) => UiTime.Element(value, Language, UiTimeStyle.DateTime);

    /// <summary>A date without the time of day, as a <c>&lt;time&gt;</c> element.</summary>
    public IHtmlContent Date(DateTimeOffset value) => UiTime.Element(value, Language, UiTimeStyle.Date);

    internal void Set(UiLanguage language) => Language = language;
}
