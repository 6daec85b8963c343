using System.Globalization;

namespace Kakunin.Imap.Protocol;

/// <summary>IMAP dates (RFC 9051 §9 date, date-time): "1-Feb-2025" in SEARCH, "01-Feb-2025 13:14:15 +0100" for INTERNALDATE and APPEND.</summary>
public static class ImapDateTime
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Formats an internal date as date-time, quotes included, day padded with a space (RFC 9051 date-day-fixed).</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"\"{value.Day,2}-{Months[value.Month - 1]}-{value.Year:D4} {value.Hour:D2}:{value.Minute:D2}:{value.Second:D2} {sign}{abs.Hours:D2}{abs.Minutes:D2}\"");
    }

    /// <summary>Parses date-time (the quotes already removed); null when it is not one.</summary>
    public static DateTimeOffset? ParseDateTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.TrimStart(' ');
        var parts = t.Split(' ');
        if (parts.Length != 3 || ParseDate(parts[0]) is not { } day || !TimeOnly.TryParseExact(parts[1], "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return null;
        }

        var zone = parts[2];
        if (zone.Length != 5 || zone[0] is not ('+' or '-') || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > 59 || hours > 14)
        {
            return null;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        return new DateTimeOffset(day.ToDateTime(time), zone[0] == '-' ? -offset : offset);
    }

    /// <summary>Parses date (d-Mon-yyyy); null when it is not one.</summary>
    public static DateOnly? ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-');
        if (parts.Length != 3 || parts[0].Length is < 1 or > 2 || parts[2].Length != 4
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }

        var month = Array.FindIndex(Months, m => m.Equals(parts[1], StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0 || year < 1 || day > DateTime.DaysInMonth(year, month) || day < 1)
        {
            return null;
        }

        return new DateOnly(year, month, day);
    }
}
