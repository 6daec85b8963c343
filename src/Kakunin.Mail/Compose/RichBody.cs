namespace Kakunin.Mail.Compose;

/// <summary>
/// What a compose form's body becomes: the text as typed when the person wrote in the plain field (no script, or
/// no formatting used), else the editor's HTML sanitised (<see cref="OutgoingHtml"/>) with its text rendering
/// (<see cref="HtmlPlainText"/>). HTML with no formatting left after sanitising goes as text alone, so a plain
/// message stays text/plain.
/// </summary>
/// <param name="Text">The text/plain part, always there.</param>
/// <param name="Html">The text/html part (sanitised), or null for a text/plain message.</param>
public sealed record RichBody(string Text, string? Html)
{
    public static RichBody From(string? text, string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return new RichBody(text ?? string.Empty, null);
        }

        var safe = OutgoingHtml.Sanitise(html);
        var rendered = HtmlPlainText.Render(safe);
        return new RichBody(rendered, OutgoingHtml.IsPlain(safe) ? null : safe);
    }

    /// <summary>For the API: its HTML sanitised the same way, its text kept when given, else rendered from the HTML.</summary>
    public static RichBody FromApi(string? text, string? html)
    {
        if (html is null)
        {
            return new RichBody(text ?? string.Empty, null);
        }

        var safe = OutgoingHtml.Sanitise(html);
        return new RichBody(string.IsNullOrEmpty(text) ? HtmlPlainText.Render(safe) : text, safe.Length == 0 ? null : safe);
    }
}
