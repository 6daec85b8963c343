using System.Globalization;
using System.Text;

namespace Kakunin.Tracking;

/// <summary>
/// Where a page of a tracking list ended: the last row's sort key (its time in Unix milliseconds, none for
/// <see cref="TrackingFilter.All"/>, which is in id order) and its id. The next page is the rows strictly after it in
/// the list's order (keyset paging), so a row added between two calls lands before the cursor (the lists are
/// newest first) and is neither skipped nor shown twice, which page numbers could not promise.
/// </summary>
public sealed record TrackingListCursor(TrackingFilter Filter, long? Key, long Id)
{
    /// <summary>Opaque text for the API: base64url of "filter:key:id" (RFC 4648 §5, no padding).</summary>
    public string Write()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Filter}:{Key?.ToString(CultureInfo.InvariantCulture) ?? "-"}:{Id}");
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads <see cref="Write"/>'s text; null for anything else (a cursor of the old page-number form included).</summary>
    public static TrackingListCursor? TryRead(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 200)
        {
            return null;
        }

        try
        {
            var text = cursor.Replace('-', '+').Replace('_', '/');
            var raw = Encoding.ASCII.GetString(Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=')));
            var parts = raw.Split(':');
            if (parts.Length != 3 || !Enum.TryParse<TrackingFilter>(parts[0], out var filter) || !Enum.IsDefined(filter)
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            long? key = null;
            if (parts[1] != "-")
            {
                if (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k))
                {
                    return null;
                }

                key = k;
            }

            return (filter == TrackingFilter.All) == (key is null) ? new TrackingListCursor(filter, key, id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
