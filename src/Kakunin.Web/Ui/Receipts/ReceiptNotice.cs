using Kakunin.Queue;
using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Ui.Receipts;

/// <summary>
/// The one line shown after "Send a receipt" or "Don't send" redirected back (<c>?receipt=sent</c>): POST, then GET,
/// so a reload never answers twice. Unknown words show nothing.
/// </summary>
public static class ReceiptNotice
{
    public const string QueryName = "receipt";
    public const string Sent = "sent";
    public const string Declined = "declined";
    public const string Handled = "handled";
    public const string NotSent = "notsent";

    public static string For(ReceiptOutcome outcome) => outcome switch
    {
        ReceiptOutcome.Sent => Sent,
        ReceiptOutcome.Declined => Declined,
        ReceiptOutcome.AlreadyHandled => Handled,
        _ => NotSent,
    };

    public static string? Text(string? notice, UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return notice switch
        {
            Sent => text.ReceiptSentNow,
            Declined => text.ReceiptDeclinedNow,
            Handled => text.ReceiptAlreadyAnswered,
            NotSent => text.ReceiptCouldNotSend,
            _ => null,
        };
    }

    /// <summary><paramref name="returnUrl"/> (local, else <paramref name="fallback"/>) with the notice in its query, replacing an earlier one.</summary>
    public static string AddTo(string? returnUrl, string fallback, string notice, Func<string?, bool> isLocal)
    {
        ArgumentNullException.ThrowIfNull(isLocal);
        var url = WithoutNotice(isLocal(returnUrl) ? returnUrl! : fallback);
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + QueryName + "=" + notice;
    }

    /// <summary>A local URL without its fragment and without an earlier notice in its query.</summary>
    public static string WithoutNotice(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            url = url[..hash];
        }

        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return url;
        }

        var kept = url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith(QueryName + "=", StringComparison.Ordinal) && p != QueryName)
            .ToList();
        return url[..question] + (kept.Count > 0 ? "?" + string.Join('&', kept) : string.Empty);
    }
}
