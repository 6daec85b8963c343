using System.Globalization;
using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>
/// The Tracking page's query (<c>?filter=failed&amp;days=7&amp;page=2</c>), read forgivingly: an unknown filter shows
/// everything, days are kept between 1 and 90 (default 3), pages start at 1.
/// </summary>
public sealed record TrackingQuery(TrackingFilter Filter, int Days, int Page)
{
    public const int MinDays = 1;
    public const int MaxDays = 90;
    public const int PageSize = 50;

    public static TrackingQuery Parse(string? filter, string? days, string? page)
    {
        var f = Enum.TryParse<TrackingFilter>(filter, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && !string.IsNullOrEmpty(filter) && !char.IsAsciiDigit(filter[0])
            ? parsed
            : TrackingFilter.All;
        var d = int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, MinDays, MaxDays) : TrackingUrls.DefaultDays;
        var p = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q >= 1 ? q : 1;
        return new TrackingQuery(f, d, p);
    }

    public string Url(TrackingFilter? filter = null, int? page = null) => TrackingUrls.Page(filter ?? Filter, Days, page ?? Page);
}
