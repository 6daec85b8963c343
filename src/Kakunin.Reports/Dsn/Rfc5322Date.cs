using System.Globalization;

namespace Kakunin.Reports.Dsn;

/// <summary>
/// <c>date-time</c> as RFC 5322 §3.3 writes it, e.g. <c>Sun, 29 Nov 2026 18:00:05 +0900</c>.
/// Written here because MimeKit 4.18.2's <c>DateUtils.FormatDate</c> gets negative offsets with
/// minutes wrong (−05:15 comes out as <c>-05-15</c>); the zone is <c>("+" / "-") 4DIGIT</c>.
/// </summary>
internal static class Rfc5322Date
{
    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Format(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Days[(int)date.DayOfWeek]}, {date.Day:00} {Months[date.Month - 1]} {date.Year:0000} {date.Hour:00}:{date.Minute:00}:{date.Second:00} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }
}
