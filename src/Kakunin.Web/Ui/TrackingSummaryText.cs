using Kakunin.Tracking;
using Kakunin.Web.Ui.Text;

namespace Kakunin.Web.Ui;

/// <summary>
/// The one-line tracking summary of a sent message in the Sent list: "Delivered 2/3 · Read 1/3 · 1 failed"
/// ("配信 2/3 · 開封 1/3 · 失敗 1"). Delivered is always shown (0/3 says nothing arrived yet); every other part
/// only when its count is not zero, in the order a sender cares about: read, still waiting, then what went wrong.
/// </summary>
public static class TrackingSummaryText
{
    public const string Separator = " · ";

    public static string Format(TrackingSummary summary, UiText text)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>(8) { text.TrackingDelivered(summary.Delivered, summary.Recipients) };
        Add(parts, summary.Read, n => text.TrackingRead(n, summary.Recipients));
        Add(parts, summary.Pending, text.TrackingPending);
        Add(parts, summary.Delayed, text.TrackingDelayed);
        Add(parts, summary.Relayed, text.TrackingRelayed);
        Add(parts, summary.Expanded, text.TrackingExpanded);
        Add(parts, summary.Failed, text.TrackingFailed);
        Add(parts, summary.DeletedUnread, text.TrackingDeletedUnread);
        return string.Join(Separator, parts);
    }

    private static void Add(List<string> parts, int count, Func<int, string> format)
    {
        if (count > 0)
        {
            parts.Add(format(count));
        }
    }
}
