using Kakunin.Web.Ui.Language;

namespace Kakunin.Web.Ui.Text;

/// <summary>
/// Every word the web UI shows, once per language: <see cref="En"/> and <see cref="Ja"/>.
/// </summary>
/// <remarks>
/// Hand-written C# instead of .resx, for three reasons:
/// <list type="number">
/// <item>A missing translation is a compile error: each language is a subclass that must override every
/// abstract member (CS0534), where a missing resx key silently falls back to English at run time.</item>
/// <item>Texts with values are typed methods (<c>UnreadCount(int)</c>), not format strings whose placeholders
/// are checked only when the page is shown.</item>
/// <item>The build sets InvariantGlobalization, under which <c>new CultureInfo("ja")</c> (how ResourceManager
/// finds a satellite assembly) throws.</item>
/// </list>
/// Each feature area has its own partial file holding its abstract members and both translations
/// (UiText.Shell.cs, UiText.SignIn.cs; later UiText.Mail.cs, UiText.Compose.cs, UiText.Tracking.cs,
/// UiText.Settings.cs), so engineers add words without editing each other's files.
/// </remarks>
public abstract partial class UiText
{
    public static UiText En { get; } = new English();

    public static UiText Ja { get; } = new Japanese();

    public static UiText For(UiLanguage language) => language == UiLanguage.Ja ? Ja : En;

    public abstract UiLanguage Language { get; }

    private sealed partial class English : UiText
    {
        public override UiLanguage Language => UiLanguage.En;
    }

    private sealed partial class Japanese : UiText
    {
        public override UiLanguage Language => UiLanguage.Ja;
    }
}
