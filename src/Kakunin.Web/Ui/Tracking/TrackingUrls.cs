using System.Globalization;
using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>The URLs the tracking pages make (the routes in Pages/Tracking must agree).</summary>
public static class TrackingUrls
{
    public const int DefaultDays = 3;

    /// <summary>A message in the user's mailbox (the mail pages' route; a moved message is followed there).</summary>
    public static string Message(string folder, long id) =>
        "/mail/" + Uri.EscapeDataString(folder) + "/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>One sent message's tracking, optionally at one recipient's row.</summary>
    public static string Details(long trackingId, long? recipientId = null) =>
        "/tracking/" + trackingId.ToString(CultureInfo.InvariantCulture)
        + (recipientId is { } r ? "#recipient-" + r.ToString(CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>The Tracking page with a filter, the unread threshold and a page; defaults are left out.</summary>
    public static string Page(TrackingFilter filter, int days, int page = 1)
    {
        var query = new List<string>(3);
        if (filter != TrackingFilter.All)
        {
            query.Add("filter=" + filter.ToString().ToLowerInvariant());
        }

        if (days != DefaultDays)
        {
            query.Add("days=" + days.ToString(CultureInfo.InvariantCulture));
        }

        if (page > 1)
        {
            query.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/tracking" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }
}
